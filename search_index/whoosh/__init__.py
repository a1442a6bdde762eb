"""Everything that touches Whoosh: the engine, its bulk writer, the bitset filters."""
