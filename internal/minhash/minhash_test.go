package minhash

import (
	"testing"
)

func TestHashStable(t *testing.T) {
	// Band keys and tokens are persisted only in memory, but tests and evaluations rely on
	// the same hashes on every platform.
	if got := HashString("минхеш"); got != HashString("минхеш") || got == HashString("минхеш ") {
		t.Fatal("HashString not a function of its input")
	}
	seen := map[uint64]string{}
	for _, s := range []string{"", "a", "b", "ab", "ba", "abcdefgh", "abcdefghi", "abcdefgh\x00"} {
		h := HashString(s)
		if o, ok := seen[h]; ok {
			t.Fatalf("%q and %q collide", s, o)
		}
		seen[h] = s
	}
}

func TestShingles(t *testing.T) {
	w := []uint64{1, 2, 3, 4}
	if got := WordShingles(nil, w, 2); len(got) != 3 {
		t.Fatalf("bigrams of 4 words: %d", len(got))
	}
	if got := WordShingles(nil, w[:1], 3); len(got) != 1 {
		t.Fatalf("short sequence: %d shingles", len(got))
	}
	a := CharShingles(nil, "привет", 3)
	if len(a) != 4 {
		t.Fatalf("char trigrams of 6 runes: %d", len(a))
	}
	if b := CharShingles(nil, "вет", 3); b[0] != a[3] {
		t.Fatal("last trigram differs")
	}
	if got := CharShingles(nil, "ab", 3); len(got) != 1 || got[0] != HashString("ab") {
		t.Fatal("short string must give itself")
	}
}
