package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"fimi/internal/fimi"
	"fimi/internal/store"
)

// Item implements store.Store.
func (s *DB) Item(ctx context.Context, id string) (fimi.Item, error) {
	items, err := s.Items(ctx, store.ItemQuery{IDs: []string{id}, WithRaw: true, Limit: 1})
	if err != nil {
		return fimi.Item{}, err
	}
	if len(items) == 0 {
		return fimi.Item{}, fmt.Errorf("item %s: %w", id, store.ErrNotFound)
	}
	return items[0], nil
}

// ItemRaws implements store.Store.
func (s *DB) ItemRaws(ctx context.Context, id string) ([]store.Raw, error) {
	var rowid, ing int64
	var r store.Raw
	err := s.db.QueryRowContext(ctx, `SELECT rowid, origin, format, ingested, coalesce(raw, '') FROM items WHERE id=?`, id).
		Scan(&rowid, &r.Origin, &r.Format, &ing, &r.Data)
	if err != nil {
		return nil, notFound(err, "item "+id)
	}
	r.Seen = time.UnixMilli(ing).UTC()
	out := []store.Raw{r}
	rows, err := s.db.QueryContext(ctx, `SELECT origin, format, seen, raw FROM item_raws WHERE item_rowid=? ORDER BY seen, raw_hash`, rowid)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var r store.Raw
		var seen int64
		if err := rows.Scan(&r.Origin, &r.Format, &seen, &r.Data); err != nil {
			return nil, err
		}
		r.Seen = time.UnixMilli(seen).UTC()
		out = append(out, r)
	}
	return out, rows.Err()
}

// buildQuery returns the SELECT for q. Full-text queries join the FTS table and rank by bm25.
func buildQuery(q store.ItemQuery, withRaw, scan bool) (string, []any) {
	cols := "i." + strings.ReplaceAll(strings.ReplaceAll(itemCols, "\n\t", " "), ", ", ", i.")
	if withRaw {
		cols += ", i.raw"
	}
	var where []string
	var args []any
	from := "items i"
	if q.Text != "" {
		from = "items_fts f JOIN items i ON i.rowid = f.rowid"
		where = append(where, "items_fts MATCH ?")
		args = append(args, q.Text)
	}
	if len(q.IDs) > 0 {
		where = append(where, "i.id IN ("+placeholders(len(q.IDs))+")")
		for _, id := range q.IDs {
			args = append(args, id)
		}
	}
	eq := func(col, v string) {
		if v != "" {
			where = append(where, col+" = ?")
			args = append(args, v)
		}
	}
	eq("i.platform", q.Platform)
	eq("i.lang", q.Lang)
	eq("i.outlet", q.Outlet)
	eq("i.account", q.Account)
	if !q.Since.IsZero() {
		where = append(where, "i.published >= ?")
		args = append(args, q.Since.UnixMilli())
	}
	if !q.Until.IsZero() {
		where = append(where, "i.published < ?")
		args = append(args, q.Until.UnixMilli())
	}
	sqlq := "SELECT " + cols + " FROM " + from
	if len(where) > 0 {
		sqlq += " WHERE " + strings.Join(where, " AND ")
	}
	switch {
	case scan || q.Oldest:
		sqlq += " ORDER BY i.published, i.id"
	case q.Text != "":
		sqlq += " ORDER BY bm25(items_fts), i.published DESC"
	default:
		sqlq += " ORDER BY i.published DESC, i.id"
	}
	limit := q.Limit
	if limit <= 0 && !scan {
		limit = 100
	}
	if limit > 0 {
		sqlq += fmt.Sprintf(" LIMIT %d OFFSET %d", limit, max(q.Offset, 0))
	}
	return sqlq, args
}

// Items implements store.Store.
func (s *DB) Items(ctx context.Context, q store.ItemQuery) ([]fimi.Item, error) {
	var out []fimi.Item
	err := s.scan(ctx, q, false, func(it fimi.Item) error {
		out = append(out, it)
		return nil
	})
	return out, err
}

// ScanItems implements store.Store.
func (s *DB) ScanItems(ctx context.Context, q store.ItemQuery, fn func(fimi.Item) error) error {
	return s.scan(ctx, q, true, fn)
}

func (s *DB) scan(ctx context.Context, q store.ItemQuery, scan bool, fn func(fimi.Item) error) error {
	if q.Text != "" && s.ftsPending(ctx) {
		if err := s.Flush(ctx); err != nil {
			return err
		}
	}
	sqlq, args := buildQuery(q, q.WithRaw, scan)
	rows, err := s.db.QueryContext(ctx, sqlq, args...)
	if err != nil && q.Text != "" && isFTSSyntax(err) {
		// Not valid FTS5 syntax: search for the words as plain terms instead.
		q.Text = quoteTerms(q.Text)
		sqlq, args = buildQuery(q, q.WithRaw, scan)
		rows, err = s.db.QueryContext(ctx, sqlq, args...)
	}
	if err != nil {
		return fmt.Errorf("query items: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var it fimi.Item
		var rowid, seq int64
		var rh string
		if q.WithRaw {
			var raw []byte
			err = scanItemRaw(rows, &rowid, &it, &rh, &seq, &raw)
			it.Raw = raw
		} else {
			err = scanItem(rows, &rowid, &it, &rh, &seq)
		}
		if err != nil {
			return fmt.Errorf("query items: %w", err)
		}
		if err := fn(it); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		if q.Text != "" && isFTSSyntax(err) {
			return fmt.Errorf("search %q: %w", q.Text, err)
		}
		return fmt.Errorf("query items: %w", err)
	}
	return nil
}

func scanItemRaw(r scanner, rowid *int64, it *fimi.Item, rawHash *string, seq *int64, raw *[]byte) error {
	var pub sql.NullInt64
	var ing int64
	var urls, tags, ments string
	if err := r.Scan(rowid, &it.ID, &it.Platform, &it.NativeID, &it.Account, &it.Author, &it.Outlet, &it.URL,
		&it.Title, &it.Text, &it.Lang, &pub, &ing, &it.Hash, &urls, &tags, &ments, &it.SharesID,
		&it.ReplyToID, &it.Views, rawHash, seq, raw); err != nil {
		return err
	}
	it.Published = fromMS(pub)
	it.Ingested = time.UnixMilli(ing).UTC()
	it.URLs, it.Hashtags, it.Mentions = decodeList(urls), decodeList(tags), decodeList(ments)
	return nil
}

func isFTSSyntax(err error) bool {
	m := err.Error()
	return strings.Contains(m, "fts5: syntax error") || strings.Contains(m, "no such column") ||
		strings.Contains(m, "unterminated string") || strings.Contains(m, "unknown special query")
}

// quoteTerms turns free text into an FTS5 query of quoted words (all must match).
func quoteTerms(s string) string {
	words := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for i, w := range words {
		words[i] = `"` + w + `"`
	}
	return strings.Join(words, " ")
}

// CountItems implements store.Store.
func (s *DB) CountItems(ctx context.Context) (int64, error) {
	var n int64
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM items`).Scan(&n)
	return n, err
}

// Stats implements store.Store.
func (s *DB) Stats(ctx context.Context, q store.StatsQuery) (store.Stats, error) {
	top := q.Top
	if top <= 0 {
		top = 20
	}
	var st store.Stats
	var first, last sql.NullInt64
	if err := s.db.QueryRowContext(ctx, `SELECT count(*), min(published), max(published) FROM items`).Scan(&st.Items, &first, &last); err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	st.First, st.Last = fromMS(first), fromMS(last)
	var extra int64
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM item_raws`).Scan(&extra); err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	st.Raws = st.Items + extra
	if err := s.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM (SELECT DISTINCT platform, account FROM items WHERE account != ''))
		+ (SELECT count(DISTINCT outlet) FROM items WHERE outlet != '')`).Scan(&st.Sources); err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	var err error
	group := func(expr string, limit int, order string) ([]store.Count, error) {
		qq := fmt.Sprintf(`SELECT %s AS k, count(*) AS n FROM items GROUP BY k ORDER BY %s`, expr, order)
		if limit > 0 {
			qq += fmt.Sprintf(" LIMIT %d", limit)
		}
		rows, err := s.db.QueryContext(ctx, qq)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out []store.Count
		for rows.Next() {
			var c store.Count
			var k sql.NullString
			if err := rows.Scan(&k, &c.Count); err != nil {
				return nil, err
			}
			c.Key = k.String
			out = append(out, c)
		}
		return out, rows.Err()
	}
	if st.Platforms, err = group("platform", 0, "n DESC, k"); err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	if st.Languages, err = group("lang", 0, "n DESC, k"); err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	if st.Outlets, err = group("outlet", top, "n DESC, k"); err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	if st.Accounts, err = group("account", top, "n DESC, k"); err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	if st.Days, err = group("date(published/1000, 'unixepoch')", 0, "k"); err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	return st, nil
}

// Sources implements store.Store: accounts and channels by platform, and outlets, derived from
// the items.
func (s *DB) Sources(ctx context.Context, kind string, limit int) ([]fimi.Source, error) {
	const accounts = `SELECT CASE WHEN platform = 'telegram' THEN 'channel' ELSE 'account' END, platform, account,
		min(published), max(published), count(*) AS n FROM items WHERE account != '' GROUP BY platform, account`
	const outlets = `SELECT 'outlet', 'web', outlet, min(published), max(published), count(*) AS n FROM items
		WHERE outlet != '' GROUP BY outlet`
	var qq string
	switch kind {
	case "":
		qq = accounts + " UNION ALL " + outlets
	case fimi.SourceOutlet:
		qq = outlets
	case fimi.SourceAccount:
		qq = `SELECT * FROM (` + accounts + `) WHERE platform != 'telegram'`
	case fimi.SourceChannel:
		qq = `SELECT * FROM (` + accounts + `) WHERE platform = 'telegram'`
	default:
		return nil, fmt.Errorf("sources: unknown kind %q", kind)
	}
	qq = `SELECT * FROM (` + qq + `) ORDER BY n DESC, 3`
	if limit > 0 {
		qq += fmt.Sprintf(` LIMIT %d`, limit)
	}
	rows, err := s.db.QueryContext(ctx, qq)
	if err != nil {
		return nil, fmt.Errorf("sources: %w", err)
	}
	defer rows.Close()
	var out []fimi.Source
	for rows.Next() {
		var src fimi.Source
		var f, l sql.NullInt64
		if err := rows.Scan(&src.Kind, &src.Platform, &src.Name, &f, &l, &src.Items); err != nil {
			return nil, err
		}
		src.ID = fimi.SourceID(src.Kind, src.Platform, src.Name)
		src.FirstSeen, src.LastSeen = fromMS(f), fromMS(l)
		out = append(out, src)
	}
	return out, rows.Err()
}

// Validators implements store.Store.
func (s *DB) Validators(ctx context.Context, u string) (string, string, error) {
	var etag, lm string
	err := s.db.QueryRowContext(ctx, `SELECT etag, last_modified FROM fetch_validators WHERE url=?`, u).Scan(&etag, &lm)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", nil
	}
	return etag, lm, err
}

// SetValidators implements store.Store.
func (s *DB) SetValidators(ctx context.Context, u, etag, lastModified string) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	_, err := s.w.ExecContext(ctx, `INSERT INTO fetch_validators(url, etag, last_modified, updated) VALUES (?,?,?,?)
		ON CONFLICT(url) DO UPDATE SET etag=excluded.etag, last_modified=excluded.last_modified, updated=excluded.updated`,
		u, etag, lastModified, time.Now().UnixMilli())
	return err
}

// RecordRun implements store.Store.
func (s *DB) RecordRun(ctx context.Context, r store.Run) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	inputs, _ := json.Marshal(r.Inputs)
	_, err := s.w.ExecContext(ctx, `INSERT INTO runs(started, finished, inputs, read, added, merged, unchanged, rejected, rejects, error)
		VALUES (?,?,?,?,?,?,?,?,?,?)`, r.Started.UnixMilli(), r.Finished.UnixMilli(), string(inputs), r.Read, r.Added,
		r.Merged, r.Unchanged, r.Rejected, r.Rejects, r.Error)
	if err != nil {
		return fmt.Errorf("record run: %w", err)
	}
	return nil
}

// Runs implements store.Store.
func (s *DB) Runs(ctx context.Context, limit int) ([]store.Run, error) {
	if limit <= 0 {
		limit = 20
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, started, finished, inputs, read, added, merged, unchanged, rejected, rejects, error
		FROM runs ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("runs: %w", err)
	}
	defer rows.Close()
	var out []store.Run
	for rows.Next() {
		var r store.Run
		var st, fin int64
		var inputs string
		if err := rows.Scan(&r.ID, &st, &fin, &inputs, &r.Read, &r.Added, &r.Merged, &r.Unchanged, &r.Rejected, &r.Rejects, &r.Error); err != nil {
			return nil, err
		}
		r.Started, r.Finished = time.UnixMilli(st).UTC(), time.UnixMilli(fin).UTC()
		_ = json.Unmarshal([]byte(inputs), &r.Inputs)
		out = append(out, r)
	}
	return out, rows.Err()
}
