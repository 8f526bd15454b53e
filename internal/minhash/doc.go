// Package minhash finds near-duplicate sets quickly: one-permutation MinHash signatures with
// optimal densification (Shrivastava 2017) and a banded LSH index whose buckets are chains
// through the items, with expiry by time.
//
// # Signatures
//
// A set is given as 64-bit token hashes (words, word n-grams or character n-grams of a
// normalised text; see HashString, WordShingles and CharShingles). Sign hashes every token
// once with a fixed mixer, puts it into one of k bins by the high bits and keeps the minimum
// of the low 32 bits per bin; empty bins borrow the value of a non-empty bin chosen by a
// fixed pseudo-random probe sequence (optimal densification), so two signatures agree in a
// bin with probability close to the Jaccard similarity of the sets even for sets smaller
// than k. Cost: O(len(tokens) + k), no allocation when dst has room.
//
// # Index
//
// Index keeps, per band of r signature values, an open-addressing table from the band's key
// to the newest item with that key, and per item and band the distance back to the previous
// item with the same key: a bucket is a chain from newest to oldest, walked at most MaxChain
// steps. Items get sequential Refs in insertion order and carry a time; times must not
// decrease. Expire (or Options.Horizon at each Add) drops items older than a time: they are
// never returned again, their per-item storage is freed in blocks of blockSize items, and
// table entries that point only at expired items are swept when the table is rebuilt.
//
// Memory per indexed item is about 4·b bytes of links, 8 bytes of time and 8·b/load bytes of
// table entries (load between 3/8 and 3/4), so about 17·b+8 bytes: 280 bytes with 16 bands
// (see Index.MemoryBytes, measured by BenchmarkIndexAdd).
//
// # Concurrency
//
// Sign, Similarity and the hash helpers are pure and safe for concurrent use. An Index is not
// safe for concurrent mutation: Add and Expire need exclusive access; Query only reads, so any
// number of Query calls may run at once while no Add or Expire runs.
package minhash
