---------------------- MODULE MC_DaxMutants_fixed_ptes ----------------------
(***************************************************************************)
(* Model "fixed-ptes" of DaxMutants (spec/dax-mutants.ts). Two PTE indices *)
(* sharing one hashed queue: two faults and an invalidation at each.       *)
(* Expected: holds.                                                        *)
(*                                                                         *)
(* Check it with: tools/tlc.sh tla/MC_DaxMutants_fixed_ptes.tla Generated  *)
(* by daxspec: do not edit; run npm run emit.                              *)
(***************************************************************************)
EXTENDS DaxMutants

const_ThreadKind == <<"pte_fault", "pte_fault", "pte_fault", "pte_fault", "dax_invalidate_mapping_entry_sync", "dax_invalidate_mapping_entry_sync">>

const_ThreadName == <<"pte_fault(0)", "pte_fault(0)#2", "pte_fault(1)", "pte_fault(1)#2", "dax_invalidate_mapping_entry_sync(0)", "dax_invalidate_mapping_entry_sync(1)">>

const_index == <<0, 0, 1, 1, 0, 1>>

const_fill == <<0, 0, 0, 0, 0, 0>>

=============================================================================
