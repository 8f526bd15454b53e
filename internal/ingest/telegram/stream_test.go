package telegram

import (
	"io"
	"runtime"
	"strconv"
	"testing"

	"fimi/internal/ingest"
)

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// TestDecodeStream decodes a large export produced on the fly through a pipe and checks that
// every message comes out, in order, while the heap stays far below the size of the input.
func TestDecodeStream(t *testing.T) {
	n := 200_000
	if testing.Short() {
		n = 20_000
	}
	pr, pw := io.Pipe()
	cw := &countingWriter{w: pw}
	go func() { pw.CloseWithError(writeExport(cw, n, synthText)) }()
	t.Cleanup(func() { pr.Close() })

	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	baseline, peak := ms.HeapAlloc, ms.HeapAlloc

	d := NewDecoder(pr, ingest.Options{Name: "pipe"})
	count := 0
	for {
		rec, err := d.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("after %d records: %v", count, err)
		}
		count++
		if rec.Err != nil || rec.Item.NativeID != synthChannel+"/"+strconv.Itoa(count) {
			t.Fatalf("record %d: %q %v", count, rec.Item.NativeID, rec.Err)
		}
		if count%2000 == 0 {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}
	}
	if count != n {
		t.Fatalf("decoded %d messages, want %d", count, n)
	}
	growth := int64(peak) - int64(baseline)
	t.Logf("input %d MB, heap peak %d MB above a baseline of %d MB", cw.n>>20, growth>>20, baseline>>20)
	// 16 MiB is under a tenth of the full-size input; the decoder itself needs a few.
	if limit := int64(16 << 20); growth > limit || !testing.Short() && growth > cw.n/10 {
		t.Errorf("heap grew by %d bytes while decoding %d bytes of input; want under %d and a tenth of the input", growth, cw.n, limit)
	}
}
