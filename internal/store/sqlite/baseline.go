package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"fimi/internal/fimi"
)

// BaselineInsert is a benchmark ceiling, not part of the store: it creates a fresh database at
// path with one plain table (no index, no full-text index, no merge lookups) and inserts every
// item next yields in transactions of 2,000 rows with multi-row INSERTs, the cheapest way
// SQLite can take them. It returns the number of rows inserted.
func BaselineInsert(ctx context.Context, path string, next func() (fimi.Item, bool)) (int64, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_txlock=immediate")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, `CREATE TABLE plain (id TEXT, platform TEXT, native_id TEXT, account TEXT,
		outlet TEXT, url TEXT, title TEXT, text TEXT, lang TEXT, published INTEGER, urls TEXT, hashtags TEXT,
		shares TEXT, reply_to TEXT, raw BLOB)`); err != nil {
		return 0, fmt.Errorf("baseline: %w", err)
	}
	const cols, rowsPer, perTx = 15, 64, 2000
	one := "(" + placeholders(cols) + ")"
	stmt, err := db.PrepareContext(ctx, `INSERT INTO plain VALUES `+strings.TrimSuffix(strings.Repeat(one+",", rowsPer), ","))
	if err != nil {
		return 0, err
	}
	defer stmt.Close()
	var n int64
	args := make([]any, 0, cols*rowsPer)
	var tx *sql.Tx
	flush := func(rows int) error {
		if rows == 0 {
			return nil
		}
		if rows == rowsPer {
			_, err := tx.StmtContext(ctx, stmt).ExecContext(ctx, args...)
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO plain VALUES `+strings.TrimSuffix(strings.Repeat(one+",", rows), ","), args...)
		return err
	}
	rows := 0
	for {
		it, ok := next()
		if tx == nil && ok {
			if tx, err = db.BeginTx(ctx, nil); err != nil {
				return n, err
			}
		}
		if ok {
			args = append(args, it.ID, it.Platform, it.NativeID, it.Account, it.Outlet, it.URL, it.Title, it.Text,
				it.Lang, ms(it.Published), jsonList(it.URLs), jsonList(it.Hashtags), it.SharesID, it.ReplyToID, []byte(it.Raw))
			rows++
			n++
		}
		if rows == rowsPer || !ok {
			if err := flush(rows); err != nil {
				tx.Rollback()
				return n, fmt.Errorf("baseline insert: %w", err)
			}
			rows, args = 0, args[:0]
		}
		if tx != nil && (n%perTx == 0 || !ok) {
			if err := tx.Commit(); err != nil {
				return n, err
			}
			tx = nil
		}
		if !ok {
			return n, nil
		}
	}
}
