package gen

import (
	"context"
	"io"
	"testing"
)

// BenchmarkWrite measures generation throughput; each op writes 50,000 items to io.Discard.
func BenchmarkWrite(b *testing.B) {
	opt := DefaultOptions()
	opt.Items = 50_000
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Write(context.Background(), opt, io.Discard, io.Discard, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(opt.Items*b.N)/b.Elapsed().Seconds(), "items/s")
}
