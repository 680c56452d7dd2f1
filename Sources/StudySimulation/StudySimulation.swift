// The synthetic Jigsaw-style study generator.
