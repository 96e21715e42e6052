--------------------- MODULE MC_DaxMutants_fixed_mixed ----------------------
(***************************************************************************)
(* Model "fixed-mixed" of DaxMutants (spec/dax-mutants.ts). One PMD range  *)
(* [0, 2): two PMD faults (fallback after grab, hole), three PTE faults,   *)
(* an invalidation of each index. Expected: holds.                         *)
(*                                                                         *)
(* Check it with: tools/tlc.sh tla/MC_DaxMutants_fixed_mixed.tla Generated *)
(* by daxspec: do not edit; run npm run emit.                              *)
(***************************************************************************)
EXTENDS DaxMutants

const_ThreadKind == <<"pmd_fault", "pmd_fault", "pte_fault", "pte_fault", "pte_fault", "dax_invalidate_mapping_entry_sync", "dax_invalidate_mapping_entry_sync">>

const_ThreadName == <<"pmd_fault(0,2)", "pmd_fault(0,1)", "pte_fault(0)", "pte_fault(1)", "pte_fault(1)#2", "dax_invalidate_mapping_entry_sync(0)", "dax_invalidate_mapping_entry_sync(1)">>

const_index == <<0, 0, 0, 1, 1, 0, 1>>

const_fill == <<2, 1, 0, 0, 0, 0, 0>>

=============================================================================
