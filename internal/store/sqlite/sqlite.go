// Package sqlite is the embedded store: one SQLite file (modernc.org/sqlite, pure Go) in WAL
// mode, with migrations embedded in the binary and an FTS5 full-text index over item titles
// and texts. Writes are serialised by the DB value; reads run concurrently.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"fimi/internal/store"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Options configure Open.
type Options struct {
	Logger   *slog.Logger
	CacheMiB int // page cache per reader connection (the writer has twice that); default 32
	// FTSLag lets the full-text index trail the items by up to this many rows, so that bulk
	// loads index in large chunks; Flush (and every search) brings it up to date. 0 indexes
	// every batch as it lands.
	FTSLag int
}

// DefaultOptions returns the options Open uses for zero fields.
func DefaultOptions() Options { return Options{Logger: slog.Default(), CacheMiB: 32} }

// DB is the SQLite implementation of store.Store.
type DB struct {
	db   *sql.DB // readers
	w    *sql.DB // the one writer connection, whose page cache stays warm between transactions
	path string
	log  *slog.Logger

	wmu       sync.Mutex // serialises writers
	watermark int64      // rowid up to which items_fts is complete (guarded by wmu)
	seq       int64      // last item change sequence number (guarded by wmu)
	insert    *sql.Stmt  // insertSQL(insertChunk) on the writer
	ftsLag    int
	stop      chan struct{} // closes the checkpointer
	stopped   chan struct{}
}

var _ store.Store = (*DB)(nil)

// Open opens (creating if needed) the store at path and applies pending migrations.
func Open(ctx context.Context, path string, opt Options) (*DB, error) {
	def := DefaultOptions()
	if opt.Logger == nil {
		opt.Logger = def.Logger
	}
	if opt.CacheMiB <= 0 {
		opt.CacheMiB = def.CacheMiB
	}
	dsn := func(cacheMiB int, extra ...string) string {
		q := url.Values{}
		for _, p := range append([]string{
			"journal_mode(WAL)", "synchronous(NORMAL)", "busy_timeout(10000)", "foreign_keys(ON)",
			"temp_store(MEMORY)", fmt.Sprintf("cache_size(-%d)", cacheMiB*1024),
		}, extra...) {
			q.Add("_pragma", p)
		}
		q.Set("_txlock", "immediate")
		return "file:" + path + "?" + q.Encode()
	}
	// The writer opens first: it creates the file and switches it to WAL before readers come.
	// The writer does not checkpoint: a background goroutine does, on a reader connection, so
	// that copying the WAL into the database runs beside the writer instead of inside commits.
	w, err := sql.Open("sqlite", dsn(opt.CacheMiB*2, "wal_autocheckpoint(0)"))
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxIdleTime(0)
	w.SetConnMaxLifetime(0)
	s := &DB{w: w, path: path, log: opt.Logger, ftsLag: opt.FTSLag}
	if err := s.migrate(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	if err := w.QueryRowContext(ctx, `SELECT CAST(value AS INTEGER) FROM meta WHERE key='fts_watermark'`).Scan(&s.watermark); err != nil {
		w.Close()
		return nil, fmt.Errorf("open store %s: read fts watermark: %w", path, err)
	}
	if err := w.QueryRowContext(ctx, `SELECT CAST(value AS INTEGER) FROM meta WHERE key='seq'`).Scan(&s.seq); err != nil {
		w.Close()
		return nil, fmt.Errorf("open store %s: read sequence: %w", path, err)
	}
	if s.insert, err = w.PrepareContext(ctx, insertSQL(insertChunk)); err != nil {
		w.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	if s.db, err = sql.Open("sqlite", dsn(opt.CacheMiB)); err != nil {
		w.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	s.db.SetMaxOpenConns(4)
	s.db.SetMaxIdleConns(4)
	s.stop, s.stopped = make(chan struct{}), make(chan struct{})
	go s.checkpointer()
	return s, nil
}

// checkpointSize is the WAL size above which the background checkpointer copies it back.
const checkpointSize = 16 << 20

// checkpointer copies the WAL into the database file in the background (passive checkpoints
// never block the writer), and truncates the WAL when it is idle.
func (s *DB) checkpointer() {
	defer close(s.stopped)
	t := time.NewTicker(250 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
		}
		fi, err := os.Stat(s.path + "-wal")
		if err != nil || fi.Size() < checkpointSize {
			continue
		}
		if _, err := s.db.Exec(`PRAGMA wal_checkpoint(PASSIVE)`); err != nil {
			s.log.Debug("checkpoint", "err", err)
		}
	}
}

// Path returns the database file path.
func (s *DB) Path() string { return s.path }

// Close closes the store.
func (s *DB) Close() error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	close(s.stop)
	<-s.stopped
	s.insert.Close()
	ferr := s.flushFTS(context.Background())
	_, _ = s.w.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	_, _ = s.w.Exec(`PRAGMA optimize`)
	return errors.Join(ferr, s.db.Close(), s.w.Close())
}

func (s *DB) migrate(ctx context.Context) error {
	if _, err := s.w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		v, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migration %s: bad name", base)
		}
		var n int
		if err := s.w.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version=?`, v).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			continue
		}
		body, err := migrations.ReadFile(name)
		if err != nil {
			return err
		}
		tx, err := s.w.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", base, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations(version, name, applied) VALUES (?,?,?)`, v, base, time.Now().UnixMilli()); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %s: %w", base, err)
		}
		s.log.Debug("applied migration", "name", base)
	}
	return nil
}

// SchemaVersion returns the highest applied migration.
func (s *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v sql.NullInt64
	err := s.w.QueryRowContext(ctx, `SELECT max(version) FROM schema_migrations`).Scan(&v)
	return int(v.Int64), err
}

func ms(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixMilli()
}

func fromMS(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return time.UnixMilli(v.Int64).UTC()
}

func notFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s: %w", what, store.ErrNotFound)
	}
	return err
}

// Check verifies the database: SQLite's integrity check, the full-text index against its
// content, and that every item is indexed up to the recorded watermark.
func (s *DB) Check(ctx context.Context) error {
	var res string
	if err := s.db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	if res != "ok" {
		return fmt.Errorf("integrity check: %s", res)
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if err := s.flushFTS(ctx); err != nil {
		return err
	}
	if _, err := s.w.ExecContext(ctx, `INSERT INTO items_fts(items_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		return fmt.Errorf("full-text index check: %w", err)
	}
	var maxRow int64
	if err := s.w.QueryRowContext(ctx, qMaxRowid).Scan(&maxRow); err != nil {
		return err
	}
	if maxRow != s.watermark {
		return fmt.Errorf("full-text index covers items up to %d of %d", s.watermark, maxRow)
	}
	return nil
}
