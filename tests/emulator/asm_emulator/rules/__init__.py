"""The rules room: ASM's semantics (validation, uniqueness, slot occupancy, exclusive-access
locks, cascades, references between resources). Rules read and change documents through a store
transaction and raise ASMError; they know nothing about HTTP or XML."""
