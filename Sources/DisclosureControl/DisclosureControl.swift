// The DisclosureControl module. Its types are documented where they are declared.
