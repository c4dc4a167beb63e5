"""Speech: read Guardian's words aloud without ever blocking the window."""
