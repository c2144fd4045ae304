"""Research calls as signal generators: each file in this folder turns one call into target weights."""
