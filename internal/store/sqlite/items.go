package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"fimi/internal/fimi"
	"fimi/internal/store"
)

const itemCols = `rowid, id, platform, native_id, account, author, outlet, url, title, text, lang,
	published, ingested, hash, urls, hashtags, mentions, shares, reply_to, views, raw_hash, seq`

const insertCols = `id, platform, native_id, account, author, outlet, url, title, text, lang,
	published, ingested, hash, urls, hashtags, mentions, shares, reply_to, views, raw, raw_hash, origin, format, seq`

const nInsertCols = 24

// insertChunk is how many rows one multi-row INSERT carries.
const insertChunk = 64

const (
	qUpdateItem = `UPDATE items SET platform=?, native_id=?, account=?, author=?, outlet=?, url=?, title=?,
		text=?, lang=?, published=?, hash=?, urls=?, hashtags=?, mentions=?, shares=?, reply_to=?, views=?,
		seq=? WHERE rowid=?`
	qSetSeq    = `UPDATE meta SET value=? WHERE key='seq'`
	qRawKnown  = `SELECT count(*) FROM item_raws WHERE item_rowid=? AND raw_hash=?`
	qInsertRaw = `INSERT OR IGNORE INTO item_raws(item_rowid, raw_hash, origin, format, seen, raw) VALUES (?,?,?,?,?,?)`
	qFTSDelete = `INSERT INTO items_fts(items_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)`
	qFTSInsert = `INSERT INTO items_fts(rowid, title, text) VALUES (?, ?, ?)`
	qFTSCatch  = `INSERT INTO items_fts(rowid, title, text) SELECT rowid, title, text FROM items WHERE rowid > ? ORDER BY rowid`
	qMaxRowid  = `SELECT coalesce(max(rowid), 0) FROM items`
	qSetWM     = `UPDATE meta SET value=? WHERE key='fts_watermark'`
)

type existing struct {
	rowid   int64
	seq     int64
	item    fimi.Item
	rawHash string
	dirty   bool
	ftsOld  [2]string // title, text as indexed, when the row is in the FTS index
	indexed bool
}

type pending struct {
	put     store.Put
	rawHash string
	extra   []store.Put // later raws of the same new item in this batch
	extraH  []string
}

// PutItems implements store.Store.
func (s *DB) PutItems(ctx context.Context, batch []store.Put) ([]store.Outcome, error) {
	if len(batch) == 0 {
		return nil, nil
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("put items: begin: %w", err)
	}
	defer tx.Rollback()

	ex, err := s.lookup(ctx, tx, batch)
	if err != nil {
		return nil, err
	}
	now := time.Now().UTC()
	out := make([]store.Outcome, len(batch))
	var news []*pending
	newByID := map[string]*pending{}
	for i, p := range batch {
		if p.Item.ID == "" {
			return nil, fmt.Errorf("put items: item %d has no id", i)
		}
		rh := rawHash(p.Item.Raw)
		if e, ok := ex[p.Item.ID]; ok {
			m, changed := fimi.Merge(e.item, p.Item)
			newRaw := false
			if rh != "" && rh != e.rawHash {
				var n int
				if err := tx.QueryRowContext(ctx, qRawKnown, e.rowid, rh).Scan(&n); err != nil {
					return nil, fmt.Errorf("put items: %w", err)
				}
				if n == 0 {
					if _, err := tx.ExecContext(ctx, qInsertRaw, e.rowid, rh, p.Origin, p.Format, now.UnixMilli(), []byte(p.Item.Raw)); err != nil {
						return nil, fmt.Errorf("put items: raw: %w", err)
					}
					newRaw = true
				}
			}
			if changed {
				e.item, e.dirty = m, true
			}
			out[i] = store.Unchanged
			if changed || newRaw {
				out[i] = store.Merged
			}
			continue
		}
		if np, ok := newByID[p.Item.ID]; ok {
			m, changed := fimi.Merge(np.put.Item, p.Item)
			np.put.Item = m
			out[i] = store.Unchanged
			if changed {
				out[i] = store.Merged
			}
			if rh != "" && rh != np.rawHash && !containsStr(np.extraH, rh) {
				np.extra, np.extraH = append(np.extra, p), append(np.extraH, rh)
				out[i] = store.Merged
			}
			continue
		}
		np := &pending{put: p, rawHash: rh}
		if np.put.Item.Ingested.IsZero() {
			np.put.Item.Ingested = now
		}
		newByID[p.Item.ID] = np
		news = append(news, np)
		out[i] = store.Added
	}

	seq := s.seq
	if err := s.insertNew(ctx, tx, news, now, &seq); err != nil {
		return nil, err
	}
	if err := s.updateExisting(ctx, tx, ex, &seq); err != nil {
		return nil, err
	}
	if seq != s.seq {
		if _, err := tx.ExecContext(ctx, qSetSeq, fmt.Sprint(seq)); err != nil {
			return nil, fmt.Errorf("put items: %w", err)
		}
	}
	wm, err := s.catchUpFTS(ctx, tx, int64(s.ftsLag))
	if err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("put items: commit: %w", err)
	}
	s.watermark, s.seq = wm, seq
	return out, nil
}

func containsStr(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

func rawHash(raw []byte) string {
	if len(raw) == 0 {
		return ""
	}
	sum := sha256.Sum256(raw)
	return hex.EncodeToString(sum[:16])
}

// lookup loads the stored items whose ids occur in batch.
func (s *DB) lookup(ctx context.Context, tx *sql.Tx, batch []store.Put) (map[string]*existing, error) {
	ids := make([]string, 0, len(batch))
	seen := make(map[string]bool, len(batch))
	for _, p := range batch {
		if !seen[p.Item.ID] {
			seen[p.Item.ID] = true
			ids = append(ids, p.Item.ID)
		}
	}
	ex := map[string]*existing{}
	const chunk = 500
	for len(ids) > 0 {
		n := min(chunk, len(ids))
		part := ids[:n]
		ids = ids[n:]
		args := make([]any, len(part))
		for i, id := range part {
			args[i] = id
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+itemCols+` FROM items WHERE id IN (`+placeholders(n)+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("put items: lookup: %w", err)
		}
		for rows.Next() {
			var e existing
			if err := scanItem(rows, &e.rowid, &e.item, &e.rawHash, &e.seq); err != nil {
				rows.Close()
				return nil, fmt.Errorf("put items: lookup: %w", err)
			}
			e.indexed = e.rowid <= s.watermark
			e.ftsOld = [2]string{e.item.Title, e.item.Text}
			ex[e.item.ID] = &e
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
	}
	return ex, nil
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

// insertSQL returns the multi-row INSERT for rows items.
func insertSQL(rows int) string {
	one := "(" + placeholders(nInsertCols) + ")"
	return `INSERT INTO items(` + insertCols + `) VALUES ` + strings.TrimSuffix(strings.Repeat(one+",", rows), ",")
}

func (s *DB) insertNew(ctx context.Context, tx *sql.Tx, news []*pending, now time.Time, seq *int64) error {
	args := make([]any, 0, insertChunk*nInsertCols)
	for len(news) > 0 {
		n := min(insertChunk, len(news))
		part := news[:n]
		news = news[n:]
		args = args[:0]
		for _, np := range part {
			it := &np.put.Item
			args = append(args, it.ID, it.Platform, it.NativeID, it.Account, it.Author, it.Outlet, it.URL,
				it.Title, it.Text, it.Lang, ms(it.Published), it.Ingested.UnixMilli(), it.Hash,
				jsonList(it.URLs), jsonList(it.Hashtags), jsonList(it.Mentions), it.SharesID, it.ReplyToID,
				it.Views, []byte(it.Raw), np.rawHash, np.put.Origin, np.put.Format, *seq+1)
			*seq++
		}
		var res sql.Result
		var err error
		if n == insertChunk {
			res, err = tx.StmtContext(ctx, s.insert).ExecContext(ctx, args...)
		} else {
			res, err = tx.ExecContext(ctx, insertSQL(n), args...)
		}
		if err != nil {
			return fmt.Errorf("put items: insert: %w", err)
		}
		last, err := res.LastInsertId()
		if err != nil {
			return err
		}
		// Rows of one INSERT get consecutive rowids (we are the only writer): attach extra raws.
		for i, np := range part {
			rowid := last - int64(n-1-i)
			for j, p := range np.extra {
				if _, err := tx.ExecContext(ctx, qInsertRaw, rowid, np.extraH[j], p.Origin, p.Format, now.UnixMilli(), []byte(p.Item.Raw)); err != nil {
					return fmt.Errorf("put items: raw: %w", err)
				}
			}
		}
	}
	return nil
}

func (s *DB) updateExisting(ctx context.Context, tx *sql.Tx, ex map[string]*existing, seq *int64) error {
	// Deterministic order, so that sequence numbers do not depend on map iteration.
	dirty := make([]*existing, 0, len(ex))
	for _, e := range ex {
		if e.dirty {
			dirty = append(dirty, e)
		}
	}
	sort.Slice(dirty, func(i, j int) bool { return dirty[i].rowid < dirty[j].rowid })
	for _, e := range dirty {
		it := &e.item
		if e.ftsOld[0] != it.Title || e.ftsOld[1] != it.Text {
			*seq++
			e.seq = *seq
		}
		if _, err := tx.ExecContext(ctx, qUpdateItem, it.Platform, it.NativeID, it.Account, it.Author, it.Outlet,
			it.URL, it.Title, it.Text, it.Lang, ms(it.Published), it.Hash, jsonList(it.URLs), jsonList(it.Hashtags),
			jsonList(it.Mentions), it.SharesID, it.ReplyToID, it.Views, e.seq, e.rowid); err != nil {
			return fmt.Errorf("put items: update %s: %w", it.ID, err)
		}
		if e.indexed && (e.ftsOld[0] != it.Title || e.ftsOld[1] != it.Text) {
			if _, err := tx.ExecContext(ctx, qFTSDelete, e.rowid, e.ftsOld[0], e.ftsOld[1]); err != nil {
				return fmt.Errorf("put items: fts delete: %w", err)
			}
			if _, err := tx.ExecContext(ctx, qFTSInsert, e.rowid, it.Title, it.Text); err != nil {
				return fmt.Errorf("put items: fts insert: %w", err)
			}
		}
	}
	return nil
}

// catchUpFTS indexes every item above the watermark, when at least lag items are pending, and
// returns the new watermark.
func (s *DB) catchUpFTS(ctx context.Context, tx *sql.Tx, lag int64) (int64, error) {
	var max int64
	if err := tx.QueryRowContext(ctx, qMaxRowid).Scan(&max); err != nil {
		return 0, err
	}
	if max <= s.watermark+lag {
		return s.watermark, nil
	}
	if _, err := tx.ExecContext(ctx, qFTSCatch, s.watermark); err != nil {
		return 0, fmt.Errorf("full-text index: %w", err)
	}
	if _, err := tx.ExecContext(ctx, qSetWM, fmt.Sprint(max)); err != nil {
		return 0, err
	}
	return max, nil
}

// Flush implements store.Store. The full-text index is kept current by PutItems; Flush
// optimises it after bulk loads.
func (s *DB) Flush(ctx context.Context) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	return s.flushFTS(ctx)
}

// flushFTS indexes every pending item; the caller holds wmu.
func (s *DB) flushFTS(ctx context.Context) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("flush: %w", err)
	}
	defer tx.Rollback()
	wm, err := s.catchUpFTS(ctx, tx, 0)
	if err != nil {
		return fmt.Errorf("flush: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("flush: %w", err)
	}
	s.watermark = wm
	return nil
}

// ftsPending reports whether the full-text index trails the items.
func (s *DB) ftsPending(ctx context.Context) bool {
	var max int64
	if err := s.db.QueryRowContext(ctx, qMaxRowid).Scan(&max); err != nil {
		return false
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	return max > s.watermark
}

// jsonList encodes a string list as a JSON array.
func jsonList(l []string) string {
	if len(l) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(l)
	return string(b)
}

type scanner interface{ Scan(dest ...any) error }

func scanItem(r scanner, rowid *int64, it *fimi.Item, rawHash *string, seq *int64) error {
	var pub sql.NullInt64
	var ing int64
	var urls, tags, ments string
	if err := r.Scan(rowid, &it.ID, &it.Platform, &it.NativeID, &it.Account, &it.Author, &it.Outlet, &it.URL,
		&it.Title, &it.Text, &it.Lang, &pub, &ing, &it.Hash, &urls, &tags, &ments, &it.SharesID,
		&it.ReplyToID, &it.Views, rawHash, seq); err != nil {
		return err
	}
	it.Published = fromMS(pub)
	it.Ingested = time.UnixMilli(ing).UTC()
	it.URLs = decodeList(urls)
	it.Hashtags = decodeList(tags)
	it.Mentions = decodeList(ments)
	return nil
}

func decodeList(s string) []string {
	if s == "" || s == "[]" {
		return nil
	}
	var l []string
	_ = json.Unmarshal([]byte(s), &l)
	return l
}
