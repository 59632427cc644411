"""HTTP API and web review page (`eventcoder serve`)."""
