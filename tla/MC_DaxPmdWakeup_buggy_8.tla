---------------------- MODULE MC_DaxPmdWakeup_buggy_8 -----------------------
(***************************************************************************)
(* Model "buggy-8" of DaxPmdWakeup (spec/dax-pmd-wakeup.ts). One PMD range *)
(* of 4 indices (PMD_ORDER 2): two PTE faults on each of 1, 2, 3, two PMD  *)
(* faults; nothing touches index 0. Expected: violates NoLostWakeup.       *)
(*                                                                         *)
(* Check it with: tools/tlc.sh tla/MC_DaxPmdWakeup_buggy_8.tla Generated   *)
(* by daxspec: do not edit; run npm run emit.                              *)
(***************************************************************************)
EXTENDS DaxPmdWakeup

const_ThreadKind == <<"pte_fault", "pte_fault", "pte_fault", "pte_fault", "pte_fault", "pte_fault", "pmd_fault", "pmd_fault">>

const_ThreadName == <<"pte_fault(1)", "pte_fault(2)", "pte_fault(3)", "pte_fault(1)#2", "pte_fault(2)#2", "pte_fault(3)#2", "pmd_fault(0)", "pmd_fault(0)#2">>

const_index == <<1, 2, 3, 1, 2, 3, 0, 0>>

=============================================================================
