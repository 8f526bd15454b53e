package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode"

	"fimi/internal/fimi"
)

// Queries of the claims baseline.
const (
	claimsBaselineSchema = `CREATE VIRTUAL TABLE claims_fts USING fts5(id UNINDEXED, text, title)`
	claimsBaselineInsert = `INSERT INTO claims_fts (id, text, title) VALUES (?, ?, ?)`
	claimsBaselineSearch = `SELECT id FROM claims_fts WHERE claims_fts MATCH ? ORDER BY bm25(claims_fts) LIMIT ?`
)

// MaxBaselineTerms is the most distinct terms ClaimsBaseline.Search puts in one query.
const MaxBaselineTerms = 128

// ClaimsBaseline is the reference point the claim matcher is measured against: plain
// SQLite FTS5 ranked by bm25() with no extras — an in-memory table of the claims' text and
// title (two columns of equal weight, default unicode61 tokenizer: no stemming, no stop
// words), queried with the OR of the query's distinct words. It is safe for concurrent use;
// searches run one at a time on its single connection.
type ClaimsBaseline struct {
	db     *sql.DB
	search *sql.Stmt
}

// NewClaimsBaseline builds the baseline over claims in a private in-memory database.
func NewClaimsBaseline(ctx context.Context, claims []fimi.Claim) (*ClaimsBaseline, error) {
	db, err := sql.Open("sqlite", "file::memory:")
	if err != nil {
		return nil, fmt.Errorf("claims baseline: %w", err)
	}
	db.SetMaxOpenConns(1) // one connection holds the one in-memory database
	b := &ClaimsBaseline{db: db}
	if err := b.load(ctx, claims); err != nil {
		db.Close()
		return nil, fmt.Errorf("claims baseline: %w", err)
	}
	return b, nil
}

func (b *ClaimsBaseline) load(ctx context.Context, claims []fimi.Claim) error {
	if _, err := b.db.ExecContext(ctx, claimsBaselineSchema); err != nil {
		return err
	}
	tx, err := b.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	ins, err := tx.PrepareContext(ctx, claimsBaselineInsert)
	if err != nil {
		return err
	}
	for _, c := range claims {
		if _, err := ins.ExecContext(ctx, c.ID, c.Text, c.Title); err != nil {
			return fmt.Errorf("insert claim %s: %w", c.ID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	b.search, err = b.db.PrepareContext(ctx, claimsBaselineSearch)
	return err
}

// Search returns the ids of the k best claims for free text, best first. The text is cut
// into words (runs of letters, digits and marks, as unicode61 does), of which the first
// MaxBaselineTerms distinct ones are OR-ed, each quoted, so no FTS5 syntax gets through.
// A text without words gives no ids and no error.
func (b *ClaimsBaseline) Search(ctx context.Context, query string, k int) ([]string, error) {
	q := BaselineQuery(query)
	if q == "" || k <= 0 {
		return nil, nil
	}
	rows, err := b.search.QueryContext(ctx, q, k)
	if err != nil {
		return nil, fmt.Errorf("claims baseline search: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// Close releases the database.
func (b *ClaimsBaseline) Close() error { return b.db.Close() }

// BaselineQuery turns free text into a safe FTS5 query: the OR of its distinct lower-cased
// words, each in double quotes. It returns "" for a text without words.
func BaselineQuery(s string) string {
	var b strings.Builder
	seen := map[string]bool{}
	word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) }
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !word(r) }) {
		w = strings.ToLower(w)
		if seen[w] {
			continue
		}
		if len(seen) == MaxBaselineTerms {
			break
		}
		seen[w] = true
		if b.Len() > 0 {
			b.WriteString(" OR ")
		}
		b.WriteByte('"')
		b.WriteString(w)
		b.WriteByte('"')
	}
	return b.String()
}
