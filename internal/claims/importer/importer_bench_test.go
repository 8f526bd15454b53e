package importer

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

// benchDecode decodes in with the named format b.N times, reporting bytes per second.
func benchDecode(b *testing.B, format, name, in string, want int) {
	b.Helper()
	b.ReportAllocs()
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		d, _, err := Open(format, name, strings.NewReader(in), Options{NoCompanionSearch: true})
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			r, err := d.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil || r.Err != nil {
				b.Fatal(err, r.Err)
			}
			n++
		}
		if n != want {
			b.Fatalf("%d records, want %d", n, want)
		}
	}
}

func BenchmarkCLEF(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("\tvclaim\ttitle\n")
	for i := range 10000 {
		fmt.Fprintf(&sb, "%d\tClaim number %d says something false about \"vaccines\".\tDid %d happen?\n", i, i, i)
	}
	benchDecode(b, "clef", "verified_claims.docs.tsv", sb.String(), 10000)
}

func BenchmarkClaimReviewJSON(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("[\n")
	for i := range 2000 {
		if i > 0 {
			sb.WriteString(",\n")
		}
		fmt.Fprintf(&sb, `{"@context":"https://schema.org","@type":"ClaimReview","url":"https://fc.example/%d","claimReviewed":"Claim %d is false.",`+
			`"datePublished":"2024-01-02","author":{"@type":"Organization","name":"FC"},"reviewRating":{"@type":"Rating","alternateName":"False","ratingValue":1},`+
			`"itemReviewed":{"@type":"Claim","appearance":[{"url":"https://social.example/%d"}]}}`, i, i, i)
	}
	sb.WriteString("\n]\n")
	benchDecode(b, "claimreview", "reviews.json", sb.String(), 2000)
}

func BenchmarkJSONL(b *testing.B) {
	var sb strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&sb, `{"id":"c%d","text":"Claim %d is false.","verdict":"false","languages":["en"],"published":"2024-05-02T09:00:00Z","url":"https://fc.example/%d","tags":["narrative:x"]}`+"\n", i, i, i)
	}
	benchDecode(b, "jsonl", "claims.jsonl", sb.String(), 5000)
}
