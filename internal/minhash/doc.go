// Package minhash holds the stable 64-bit hashing helpers the echo detector builds its
// tokens from: HashString (a fast non-cryptographic string hash, stable across processes and
// platforms, since tokens and cached files depend on it), Mix64 (a bijective finaliser),
// Combine, and word and character shingles. (Its MinHash signatures and banded LSH index,
// the first design of echo candidates, were replaced by the posting lists of
// fimi/internal/echo/postings and removed.) Everything here is pure and safe for concurrent
// use.
package minhash
