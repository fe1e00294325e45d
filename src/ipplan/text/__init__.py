"""Every word and number a person sees or types: the catalogue, numbers shown and read, wrapping."""
