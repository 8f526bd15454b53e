package minhash

import (
	"testing"
)

func BenchmarkHashString(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		HashString("правительства")
	}
}
