"""The wire room: HTTP routing, request parsing, XML documents exactly as ASM wrote them."""
