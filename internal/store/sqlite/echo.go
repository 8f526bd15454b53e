package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"fimi/internal/store"
)

// PutEchoes implements store.Store.
func (s *DB) PutEchoes(ctx context.Context, b store.EchoBatch, cursor string, seq int64) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("put echoes: %w", err)
	}
	defer tx.Rollback()
	now := time.Now().UnixMilli()
	for _, p := range b.Pairs {
		ev := string(p.Evidence)
		if ev == "" {
			ev = "{}"
		}
		found := now
		if !p.Found.IsZero() {
			found = p.Found.UnixMilli()
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO echo_pairs(a, b, relation, similarity, evidence, found) VALUES (?,?,?,?,?,?)
			ON CONFLICT(a, b) DO UPDATE SET relation=excluded.relation, similarity=excluded.similarity, evidence=excluded.evidence`,
			p.A, p.B, p.Relation, p.Similarity, ev, found); err != nil {
			return fmt.Errorf("put echoes: pair %s %s: %w", p.A, p.B, err)
		}
	}
	for old, id := range b.Merged {
		if old == id {
			continue
		}
		for _, q := range []string{
			`UPDATE echo_members SET group_id = ?2 WHERE group_id = ?1`,
			`DELETE FROM echo_groups WHERE id = ?1`,
			`UPDATE echo_aliases SET id = ?2 WHERE id = ?1`,
			`INSERT INTO echo_aliases(old, id) VALUES (?1, ?2) ON CONFLICT(old) DO UPDATE SET id = excluded.id`,
		} {
			if _, err := tx.ExecContext(ctx, q, old, id); err != nil {
				return fmt.Errorf("put echoes: merge %s into %s: %w", old, id, err)
			}
		}
	}
	for _, g := range b.Groups {
		data := string(g.Data)
		if data == "" {
			data = "{}"
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO echo_groups(id, first_item, first_seen, last_seen, size, outlets, accounts, langs, last_day, data)
			VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET first_item=excluded.first_item, first_seen=excluded.first_seen,
			last_seen=excluded.last_seen, size=excluded.size, outlets=excluded.outlets, accounts=excluded.accounts, langs=excluded.langs,
			last_day=excluded.last_day, data=excluded.data`,
			g.ID, g.First, g.FirstSeen.UnixMilli(), g.LastSeen.UnixMilli(), g.Size, g.Outlets, g.Accounts,
			","+strings.Join(g.Languages, ",")+",", g.LastDay, data); err != nil {
			return fmt.Errorf("put echoes: group %s: %w", g.ID, err)
		}
		// A group that exists again under its own id is no longer an alias.
		if _, err := tx.ExecContext(ctx, `DELETE FROM echo_aliases WHERE old = ?`, g.ID); err != nil {
			return fmt.Errorf("put echoes: group %s: %w", g.ID, err)
		}
	}
	for _, m := range b.Members {
		if _, err := tx.ExecContext(ctx, `INSERT INTO echo_members(item, group_id, via, relation, similarity, joined) VALUES (?,?,?,?,?,?)
			ON CONFLICT(item) DO UPDATE SET group_id=excluded.group_id,
			via=CASE WHEN excluded.via = '' THEN via ELSE excluded.via END,
			relation=CASE WHEN excluded.via = '' THEN relation ELSE excluded.relation END,
			similarity=CASE WHEN excluded.via = '' THEN similarity ELSE excluded.similarity END`,
			m.Item, m.Group, m.Via, m.Relation, m.Similarity, m.Joined.UnixMilli()); err != nil {
			return fmt.Errorf("put echoes: member %s: %w", m.Item, err)
		}
	}
	if cursor != "" {
		if _, err := tx.ExecContext(ctx, qSetCursor, cursor, seq); err != nil {
			return fmt.Errorf("put echoes: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("put echoes: %w", err)
	}
	return nil
}

// ResetEchoes implements store.Store.
func (s *DB) ResetEchoes(ctx context.Context, cursor string) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("reset echoes: %w", err)
	}
	defer tx.Rollback()
	for _, t := range []string{"echo_pairs", "echo_groups", "echo_members", "echo_aliases"} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+t); err != nil {
			return fmt.Errorf("reset echoes: %w", err)
		}
	}
	if cursor != "" {
		if _, err := tx.ExecContext(ctx, qSetCursor, cursor, 0); err != nil {
			return fmt.Errorf("reset echoes: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("reset echoes: %w", err)
	}
	return nil
}

const echoGroupCols = `id, first_item, first_seen, last_seen, size, outlets, accounts, langs, last_day, data`

func scanEchoGroup(sc interface{ Scan(...any) error }) (store.EchoGroup, error) {
	var g store.EchoGroup
	var first, last int64
	var langs, data string
	if err := sc.Scan(&g.ID, &g.First, &first, &last, &g.Size, &g.Outlets, &g.Accounts, &langs, &g.LastDay, &data); err != nil {
		return g, err
	}
	g.FirstSeen = time.UnixMilli(first).UTC()
	g.LastSeen = time.UnixMilli(last).UTC()
	for _, l := range strings.Split(strings.Trim(langs, ","), ",") {
		if l != "" {
			g.Languages = append(g.Languages, l)
		}
	}
	g.Data = []byte(data)
	return g, nil
}

func echoWhere(q store.EchoQuery) (string, []any) {
	var where []string
	var args []any
	if q.MinSize > 0 {
		where = append(where, "size >= ?")
		args = append(args, q.MinSize)
	}
	if q.Lang != "" {
		where = append(where, "instr(langs, ?) > 0")
		args = append(args, ","+q.Lang+",")
	}
	if !q.Since.IsZero() {
		where = append(where, "last_seen >= ?")
		args = append(args, q.Since.UnixMilli())
	}
	if !q.Until.IsZero() {
		where = append(where, "first_seen < ?")
		args = append(args, q.Until.UnixMilli())
	}
	if len(where) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(where, " AND "), args
}

// EchoGroups implements store.Store.
func (s *DB) EchoGroups(ctx context.Context, q store.EchoQuery) ([]store.EchoGroup, error) {
	where, args := echoWhere(q)
	order := "size DESC, first_seen, id"
	switch q.Sort {
	case "", "size":
	case "recent":
		order = "last_seen DESC, id"
	case "growth":
		order = "last_day DESC, size DESC, id"
	case "first":
		order = "first_seen, id"
	default:
		return nil, fmt.Errorf("echo groups: unknown sort %q (size, recent, growth, first)", q.Sort)
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 100
	}
	args = append(args, limit, q.Offset)
	rows, err := s.db.QueryContext(ctx, `SELECT `+echoGroupCols+` FROM echo_groups`+where+` ORDER BY `+order+` LIMIT ? OFFSET ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("echo groups: %w", err)
	}
	defer rows.Close()
	var out []store.EchoGroup
	for rows.Next() {
		g, err := scanEchoGroup(rows)
		if err != nil {
			return nil, fmt.Errorf("echo groups: %w", err)
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// CountEchoGroups implements store.Store.
func (s *DB) CountEchoGroups(ctx context.Context, q store.EchoQuery) (int64, error) {
	where, args := echoWhere(q)
	var n int64
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM echo_groups`+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count echo groups: %w", err)
	}
	return n, nil
}

// EchoGroup implements store.Store.
func (s *DB) EchoGroup(ctx context.Context, id string) (store.EchoGroup, []store.EchoMember, error) {
	var alias string
	switch err := s.db.QueryRowContext(ctx, `SELECT id FROM echo_aliases WHERE old = ?`, id).Scan(&alias); {
	case err == nil:
		id = alias
	case !errors.Is(err, sql.ErrNoRows):
		return store.EchoGroup{}, nil, fmt.Errorf("echo group %s: %w", id, err)
	}
	g, err := scanEchoGroup(s.db.QueryRowContext(ctx, `SELECT `+echoGroupCols+` FROM echo_groups WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return g, nil, fmt.Errorf("echo group %s: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return g, nil, fmt.Errorf("echo group %s: %w", id, err)
	}
	var ms []store.EchoMember
	err = s.scanMembers(ctx, `WHERE group_id = ? ORDER BY joined, item`, []any{id}, func(m store.EchoMember) error {
		ms = append(ms, m)
		return nil
	})
	return g, ms, err
}

// EchoMemberOf implements store.Store.
func (s *DB) EchoMemberOf(ctx context.Context, item string) (store.EchoMember, error) {
	var out []store.EchoMember
	err := s.scanMembers(ctx, `WHERE item = ?`, []any{item}, func(m store.EchoMember) error {
		out = append(out, m)
		return nil
	})
	if err == nil && len(out) == 0 {
		err = fmt.Errorf("echo member %s: %w", item, store.ErrNotFound)
	}
	if err != nil {
		return store.EchoMember{}, err
	}
	return out[0], nil
}

// ScanEchoMembers implements store.Store.
func (s *DB) ScanEchoMembers(ctx context.Context, fn func(store.EchoMember) error) error {
	return s.scanMembers(ctx, ``, nil, fn)
}

func (s *DB) scanMembers(ctx context.Context, tail string, args []any, fn func(store.EchoMember) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT item, group_id, via, relation, similarity, joined FROM echo_members `+tail, args...)
	if err != nil {
		return fmt.Errorf("echo members: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var m store.EchoMember
		var joined int64
		if err := rows.Scan(&m.Item, &m.Group, &m.Via, &m.Relation, &m.Similarity, &joined); err != nil {
			return fmt.Errorf("echo members: %w", err)
		}
		m.Joined = time.UnixMilli(joined).UTC()
		if err := fn(m); err != nil {
			return err
		}
	}
	return rows.Err()
}

// EchoPairs implements store.Store.
func (s *DB) EchoPairs(ctx context.Context, item string) ([]store.EchoPair, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a, b, relation, similarity, evidence, found FROM echo_pairs WHERE a = ?1
		UNION ALL SELECT a, b, relation, similarity, evidence, found FROM echo_pairs WHERE b = ?1 ORDER BY similarity DESC, a, b`, item)
	if err != nil {
		return nil, fmt.Errorf("echo pairs: %w", err)
	}
	defer rows.Close()
	var out []store.EchoPair
	for rows.Next() {
		var p store.EchoPair
		var ev string
		var found int64
		if err := rows.Scan(&p.A, &p.B, &p.Relation, &p.Similarity, &ev, &found); err != nil {
			return nil, fmt.Errorf("echo pairs: %w", err)
		}
		p.Evidence = []byte(ev)
		p.Found = time.UnixMilli(found).UTC()
		out = append(out, p)
	}
	return out, rows.Err()
}
