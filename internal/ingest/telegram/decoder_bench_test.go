package telegram

import (
	"bytes"
	"io"
	"testing"

	"fimi/internal/ingest"
)

// BenchmarkDecode decodes a 10,000-message channel export held in memory.
func BenchmarkDecode(b *testing.B) {
	const n = 10_000
	var buf bytes.Buffer
	if err := writeExport(&buf, n, synthText); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		d := NewDecoder(bytes.NewReader(data), ingest.Options{})
		count := 0
		for {
			_, err := d.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			count++
		}
		if count != n {
			b.Fatalf("%d messages", count)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "msgs/s")
}
