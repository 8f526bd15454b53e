package eval

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"fimi/internal/claims"
)

// MaxQueryLine is the longest line MatchBatch reads (1 MiB); a longer one is an error.
const MaxQueryLine = 1 << 20

// BatchMatch is one claim in a MatchBatch output line.
type BatchMatch struct {
	Claim string  `json:"claim"`
	Score float64 `json:"score"`
}

// BatchResult is one MatchBatch output line.
type BatchResult struct {
	Query   string       `json:"query"`
	Matches []BatchMatch `json:"matches"`
}

// MatchBatch implements `fimi match --queries FILE --top K`: it reads lines "id<TAB>text"
// from r (blank lines skipped; a line without a tab is an error naming its number) and writes
// one JSON line per query to w, {"query": id, "matches": [{"claim": id, "score": 0.93}, ...]},
// best first, at most top matches (the matcher's TopK when top ≤ 0). The language of each
// text is detected. It returns the number of queries written.
func MatchBatch(ctx context.Context, m *claims.Matcher, r io.Reader, w io.Writer, top int) (int, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), MaxQueryLine)
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	n, line := 0, 0
	for sc.Scan() {
		line++
		if err := ctx.Err(); err != nil {
			return n, err
		}
		s := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(s) == "" {
			continue
		}
		id, text, ok := strings.Cut(s, "\t")
		if !ok {
			return n, fmt.Errorf("queries line %d: want id<TAB>text", line)
		}
		out := BatchResult{Query: id, Matches: []BatchMatch{}}
		for _, res := range m.Match(claims.Query{Text: text, K: top, Evidence: claims.EvidenceNone}) {
			out.Matches = append(out.Matches, BatchMatch{Claim: res.ClaimID, Score: res.Score})
		}
		if err := enc.Encode(out); err != nil {
			return n, err
		}
		n++
	}
	if err := sc.Err(); err != nil {
		return n, fmt.Errorf("queries line %d: %w", line+1, err)
	}
	return n, bw.Flush()
}
