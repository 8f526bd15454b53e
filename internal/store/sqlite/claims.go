package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"fimi/internal/fimi"
	"fimi/internal/store"
)

const claimCols = `id, text, title, summary, disproof, verdict, rating, languages, keywords, countries,
	published, appeared, publisher, url, related, tags, source, raw`

func claimArgs(c *fimi.Claim) []any {
	return []any{c.ID, c.Text, c.Title, c.Summary, c.Disproof, c.Verdict, c.Rating, jsonList(c.Languages),
		jsonList(c.Keywords), jsonList(c.Countries), ms(c.Published), ms(c.Appeared), c.Publisher, c.URL,
		jsonList(c.Related), jsonList(c.Tags), c.Source, []byte(c.Raw)}
}

func scanClaim(r scanner, c *fimi.Claim) error {
	var langs, kws, countries, related, tags string
	var pub, app sql.NullInt64
	var raw []byte
	if err := r.Scan(&c.ID, &c.Text, &c.Title, &c.Summary, &c.Disproof, &c.Verdict, &c.Rating, &langs, &kws,
		&countries, &pub, &app, &c.Publisher, &c.URL, &related, &tags, &c.Source, &raw); err != nil {
		return err
	}
	c.Languages, c.Keywords, c.Countries = decodeList(langs), decodeList(kws), decodeList(countries)
	c.Related, c.Tags = decodeList(related), decodeList(tags)
	c.Published, c.Appeared = fromMS(pub), fromMS(app)
	if len(raw) > 0 {
		c.Raw = raw
	}
	return nil
}

// sameClaim reports whether two claims store the same values.
func sameClaim(a, b *fimi.Claim) bool {
	x, y := claimArgs(a), claimArgs(b)
	for i := range x {
		switch v := x[i].(type) {
		case []byte:
			if string(v) != string(y[i].([]byte)) {
				return false
			}
		default:
			if x[i] != y[i] {
				return false
			}
		}
	}
	return true
}

// PutClaims implements store.Store.
func (s *DB) PutClaims(ctx context.Context, claims []fimi.Claim) ([]store.Outcome, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("put claims: %w", err)
	}
	defer tx.Rollback()
	out := make([]store.Outcome, len(claims))
	now := time.Now().UnixMilli()
	ph := "(" + placeholders(19) + ")"
	for i := range claims {
		c := &claims[i]
		if c.ID == "" {
			return nil, fmt.Errorf("put claims: claim %d has no id", i)
		}
		var old fimi.Claim
		err := scanClaim(tx.QueryRowContext(ctx, `SELECT `+claimCols+` FROM claims WHERE id=?`, c.ID), &old)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			args := append(claimArgs(c), now)
			if _, err := tx.ExecContext(ctx, `INSERT INTO claims(`+claimCols+`, imported) VALUES `+ph, args...); err != nil {
				return nil, fmt.Errorf("put claims %s: %w", c.ID, err)
			}
			out[i] = store.Added
		case err != nil:
			return nil, fmt.Errorf("put claims %s: %w", c.ID, err)
		case sameClaim(&old, c):
			out[i] = store.Unchanged
		default:
			args := append(claimArgs(c)[1:], c.ID)
			set := strings.Join(strings.Fields(strings.ReplaceAll(strings.TrimPrefix(claimCols, "id, "), ",", "=?,")), " ") + "=?"
			if _, err := tx.ExecContext(ctx, `UPDATE claims SET `+set+` WHERE id=?`, args...); err != nil {
				return nil, fmt.Errorf("put claims %s: %w", c.ID, err)
			}
			out[i] = store.Merged
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("put claims: %w", err)
	}
	return out, nil
}

// Claim implements store.Store.
func (s *DB) Claim(ctx context.Context, id string) (fimi.Claim, error) {
	var c fimi.Claim
	err := scanClaim(s.db.QueryRowContext(ctx, `SELECT `+claimCols+` FROM claims WHERE id=?`, id), &c)
	return c, notFound(err, "claim "+id)
}

// Claims implements store.Store.
func (s *DB) Claims(ctx context.Context, q store.ClaimQuery) ([]fimi.Claim, error) {
	cols := "c." + strings.ReplaceAll(strings.Join(strings.Fields(claimCols), " "), ", ", ", c.")
	from := "claims c"
	var where []string
	var args []any
	if q.Text != "" {
		from = "claims_fts f JOIN claims c ON c.rowid = f.rowid"
		where = append(where, "claims_fts MATCH ?")
		args = append(args, q.Text)
	}
	if len(q.IDs) > 0 {
		where = append(where, "c.id IN ("+placeholders(len(q.IDs))+")")
		for _, id := range q.IDs {
			args = append(args, id)
		}
	}
	if q.Source != "" {
		where = append(where, "c.source = ?")
		args = append(args, q.Source)
	}
	query := "SELECT " + cols + " FROM " + from
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	if q.Text != "" {
		query += " ORDER BY bm25(claims_fts)"
	} else {
		query += " ORDER BY c.rowid"
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 100
	}
	query += fmt.Sprintf(" LIMIT %d OFFSET %d", limit, max(q.Offset, 0))
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil && q.Text != "" && isFTSSyntax(err) {
		args[0] = quoteTerms(q.Text)
		rows, err = s.db.QueryContext(ctx, query, args...)
	}
	if err != nil {
		return nil, fmt.Errorf("claims: %w", err)
	}
	defer rows.Close()
	var out []fimi.Claim
	for rows.Next() {
		var c fimi.Claim
		if err := scanClaim(rows, &c); err != nil {
			return nil, fmt.Errorf("claims: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// ScanClaims implements store.Store.
func (s *DB) ScanClaims(ctx context.Context, fn func(fimi.Claim) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT `+claimCols+` FROM claims ORDER BY rowid`)
	if err != nil {
		return fmt.Errorf("scan claims: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c fimi.Claim
		if err := scanClaim(rows, &c); err != nil {
			return fmt.Errorf("scan claims: %w", err)
		}
		if err := fn(c); err != nil {
			return err
		}
	}
	return rows.Err()
}

// CountClaims implements store.Store.
func (s *DB) CountClaims(ctx context.Context) (int64, error) {
	var n int64
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM claims`).Scan(&n)
	return n, err
}

// ItemsSince implements store.Store.
func (s *DB) ItemsSince(ctx context.Context, after int64, limit int) ([]store.SeqItem, error) {
	if limit <= 0 {
		limit = 1000
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+itemCols+` FROM items WHERE seq > ? ORDER BY seq LIMIT ?`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("items since %d: %w", after, err)
	}
	defer rows.Close()
	var out []store.SeqItem
	for rows.Next() {
		var si store.SeqItem
		var rowid int64
		var rh string
		if err := scanItem(rows, &rowid, &si.Item, &rh, &si.Seq); err != nil {
			return nil, err
		}
		out = append(out, si)
	}
	return out, rows.Err()
}

// Cursor implements store.Store.
func (s *DB) Cursor(ctx context.Context, name string) (int64, error) {
	var seq int64
	err := s.db.QueryRowContext(ctx, `SELECT seq FROM cursors WHERE name=?`, name).Scan(&seq)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return seq, err
}

const qSetCursor = `INSERT INTO cursors(name, seq) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET seq=excluded.seq`

// SetCursor implements store.Store.
func (s *DB) SetCursor(ctx context.Context, name string, seq int64) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	_, err := s.w.ExecContext(ctx, qSetCursor, name, seq)
	return err
}

// PutMatches implements store.Store.
func (s *DB) PutMatches(ctx context.Context, items []string, ms []fimi.Match, cursor string, seq int64) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("put matches: %w", err)
	}
	defer tx.Rollback()
	for len(items) > 0 {
		n := min(len(items), 500)
		args := make([]any, n)
		for i, id := range items[:n] {
			args[i] = id
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM matches WHERE item_id IN (`+placeholders(n)+`)`, args...); err != nil {
			return fmt.Errorf("put matches: %w", err)
		}
		items = items[n:]
	}
	for _, m := range ms {
		matched := m.Matched
		if matched.IsZero() {
			matched = time.Now()
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO matches(item_id, claim_id, rank, score, decision, evidence, matched)
			VALUES (?,?,?,?,?,?,?)`, m.ItemID, m.ClaimID, m.Rank, m.Score, m.Decision, []byte(m.Evidence), matched.UnixMilli()); err != nil {
			return fmt.Errorf("put matches: %w", err)
		}
	}
	if cursor != "" {
		if _, err := tx.ExecContext(ctx, qSetCursor, cursor, seq); err != nil {
			return fmt.Errorf("put matches: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("put matches: %w", err)
	}
	return nil
}

// matchWhere returns the WHERE clause and arguments of q over matches m joined with items i.
func matchWhere(q store.MatchQuery) (string, []any) {
	var where []string
	var args []any
	add := func(cond string, v any) {
		where = append(where, cond)
		args = append(args, v)
	}
	switch q.Decision {
	case "", "any":
	case "none":
		add("m.decision = ?", "")
	default:
		add("m.decision = ?", q.Decision)
	}
	if q.ClaimID != "" {
		add("m.claim_id = ?", q.ClaimID)
	}
	if q.ItemID != "" {
		add("m.item_id = ?", q.ItemID)
	}
	if q.Lang != "" {
		add("i.lang = ?", q.Lang)
	}
	if !q.Since.IsZero() {
		add("i.published >= ?", q.Since.UnixMilli())
	}
	if !q.Until.IsZero() {
		add("i.published < ?", q.Until.UnixMilli())
	}
	if q.MinScore > 0 {
		add("m.score >= ?", q.MinScore)
	}
	if len(where) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(where, " AND "), args
}

// CountMatches implements store.Store.
func (s *DB) CountMatches(ctx context.Context, q store.MatchQuery) (int64, int64, error) {
	where, args := matchWhere(q)
	var n, items int64
	err := s.db.QueryRowContext(ctx, `SELECT count(*), count(DISTINCT m.item_id) FROM matches m JOIN items i ON i.id = m.item_id`+where, args...).Scan(&n, &items)
	if err != nil {
		return 0, 0, fmt.Errorf("count matches: %w", err)
	}
	return n, items, nil
}

// Matches implements store.Store.
func (s *DB) Matches(ctx context.Context, q store.MatchQuery) ([]store.MatchHit, error) {
	cols := "i." + strings.ReplaceAll(strings.Join(strings.Fields(itemCols), " "), ", ", ", i.")
	where, args := matchWhere(q)
	query := `SELECT m.item_id, m.claim_id, m.rank, m.score, m.decision, m.evidence, m.matched, ` + cols +
		` FROM matches m JOIN items i ON i.id = m.item_id` + where
	limit := q.Limit
	if limit <= 0 {
		limit = 100
	}
	query += fmt.Sprintf(" ORDER BY i.published DESC, m.item_id, m.rank LIMIT %d OFFSET %d", limit, max(q.Offset, 0))
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("matches: %w", err)
	}
	defer rows.Close()
	var out []store.MatchHit
	for rows.Next() {
		var h store.MatchHit
		var ev []byte
		var matched, rowid, seq int64
		var pub sql.NullInt64
		var ing int64
		var urls, tags, ments, rh string
		it := &h.Item
		if err := rows.Scan(&h.ItemID, &h.ClaimID, &h.Rank, &h.Score, &h.Decision, &ev, &matched,
			&rowid, &it.ID, &it.Platform, &it.NativeID, &it.Account, &it.Author, &it.Outlet, &it.URL,
			&it.Title, &it.Text, &it.Lang, &pub, &ing, &it.Hash, &urls, &tags, &ments, &it.SharesID,
			&it.ReplyToID, &it.Views, &rh, &seq); err != nil {
			return nil, fmt.Errorf("matches: %w", err)
		}
		if len(ev) > 0 {
			h.Evidence = ev
		}
		h.Matched = time.UnixMilli(matched).UTC()
		it.Published, it.Ingested = fromMS(pub), time.UnixMilli(ing).UTC()
		it.URLs, it.Hashtags, it.Mentions = decodeList(urls), decodeList(tags), decodeList(ments)
		out = append(out, h)
	}
	return out, rows.Err()
}
