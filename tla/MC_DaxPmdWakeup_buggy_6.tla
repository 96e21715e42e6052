---------------------- MODULE MC_DaxPmdWakeup_buggy_6 -----------------------
(***************************************************************************)
(* Model "buggy-6" of DaxPmdWakeup (spec/dax-pmd-wakeup.ts). Two PMD       *)
(* ranges of 2 indices: PTE faults on three indices (two on index 1), a    *)
(* PMD fault on each range. Expected: violates NoLostWakeup.               *)
(*                                                                         *)
(* Check it with: tools/tlc.sh tla/MC_DaxPmdWakeup_buggy_6.tla Generated   *)
(* by daxspec: do not edit; run npm run emit.                              *)
(***************************************************************************)
EXTENDS DaxPmdWakeup

const_ThreadKind == <<"pte_fault", "pte_fault", "pte_fault", "pte_fault", "pmd_fault", "pmd_fault">>

const_ThreadName == <<"pte_fault(0)", "pte_fault(1)", "pte_fault(1)#2", "pte_fault(3)", "pmd_fault(0)", "pmd_fault(2)">>

const_index == <<0, 1, 1, 3, 0, 2>>

=============================================================================
