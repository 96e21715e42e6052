-------- MODULE MC_DaxMutants_no_put_unlocked_entry_downgrade_empty ---------
(***************************************************************************)
(* Model "no-put-unlocked-entry-downgrade-empty" of DaxMutants             *)
(* (spec/dax-mutants.ts). The invalidation deletes the PMD entry and wakes *)
(* nobody: both PTE faults in its range sleep forever. Expected: violates  *)
(* NoLostWakeup.                                                           *)
(*                                                                         *)
(* Check it with: tools/tlc.sh                                             *)
(* tla/MC_DaxMutants_no_put_unlocked_entry_downgrade_empty.tla Generated   *)
(* by daxspec: do not edit; run npm run emit.                              *)
(***************************************************************************)
EXTENDS DaxMutants

const_ThreadKind == <<"pmd_fault", "pte_fault", "pte_fault", "dax_invalidate_mapping_entry_sync">>

const_ThreadName == <<"pmd_fault(0,2)", "pte_fault(1)", "pte_fault(0)", "dax_invalidate_mapping_entry_sync(1)">>

const_index == <<0, 1, 0, 1>>

const_fill == <<2, 0, 0, 0>>

=============================================================================
