"""The portal's matching: rules on plain facts, the index documents, the match queries,
the scorer and explanations, the brute-force scorer and the benchmark."""
