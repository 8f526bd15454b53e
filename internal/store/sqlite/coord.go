package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"fimi/internal/store"
)

// PutCoordRun implements store.Store.
func (s *DB) PutCoordRun(ctx context.Context, r store.CoordRun) (int64, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("put coord run: %w", err)
	}
	defer tx.Rollback()
	if r.Created.IsZero() {
		r.Created = time.Now()
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO coord_runs(created, by_kind, options, stats, modularity) VALUES (?,?,?,?,?)`,
		r.Created.UnixMilli(), r.By, string(r.Options), string(r.Stats), r.Modularity)
	if err != nil {
		return 0, fmt.Errorf("put coord run: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	for _, n := range r.Networks {
		if _, err := tx.ExecContext(ctx, `INSERT INTO coord_networks(run, id, members, score, data) VALUES (?,?,?,?,?)`,
			id, n.Key, n.Members, n.Score, string(n.Data)); err != nil {
			return 0, fmt.Errorf("put coord run: network %s: %w", n.Key, err)
		}
	}
	for _, a := range r.Actors {
		if _, err := tx.ExecContext(ctx, `INSERT INTO coord_actors(run, name, network, score, data) VALUES (?,?,?,?,?)`,
			id, a.Key, a.Network, a.Score, string(a.Data)); err != nil {
			return 0, fmt.Errorf("put coord run: actor %s: %w", a.Key, err)
		}
	}
	for _, e := range r.Edges {
		if _, err := tx.ExecContext(ctx, `INSERT INTO coord_edges(run, a, b, kind, weight, network, data) VALUES (?,?,?,?,?,?,?)`,
			id, e.A, e.B, e.Kind, e.Weight, e.Network, string(e.Data)); err != nil {
			return 0, fmt.Errorf("put coord run: edge: %w", err)
		}
	}
	// Keep the most recent runs only.
	var old []int64
	rows, err := tx.QueryContext(ctx, `SELECT id FROM coord_runs ORDER BY id DESC LIMIT -1 OFFSET ?`, store.KeepCoordRuns)
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		var o int64
		if err := rows.Scan(&o); err != nil {
			rows.Close()
			return 0, err
		}
		old = append(old, o)
	}
	rows.Close()
	for _, o := range old {
		for _, t := range []string{"coord_edges", "coord_actors", "coord_networks", "coord_runs"} {
			col := "run"
			if t == "coord_runs" {
				col = "id"
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+t+` WHERE `+col+` = ?`, o); err != nil {
				return 0, err
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("put coord run: %w", err)
	}
	return id, nil
}

func scanRun(r scanner) (store.CoordRun, error) {
	var run store.CoordRun
	var created int64
	var opts, stats string
	if err := r.Scan(&run.ID, &created, &run.By, &opts, &stats, &run.Modularity); err != nil {
		return run, err
	}
	run.Created = time.UnixMilli(created).UTC()
	run.Options, run.Stats = []byte(opts), []byte(stats)
	return run, nil
}

const runCols = `id, created, by_kind, options, stats, modularity`

// CoordRuns implements store.Store.
func (s *DB) CoordRuns(ctx context.Context) ([]store.CoordRun, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+runCols+` FROM coord_runs ORDER BY id DESC`)
	if err != nil {
		return nil, fmt.Errorf("coord runs: %w", err)
	}
	defer rows.Close()
	var out []store.CoordRun
	for rows.Next() {
		r, err := scanRun(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// CoordRun implements store.Store.
func (s *DB) CoordRun(ctx context.Context, id int64, network string) (store.CoordRun, error) {
	var row *sql.Row
	if id == 0 {
		row = s.db.QueryRowContext(ctx, `SELECT `+runCols+` FROM coord_runs ORDER BY id DESC LIMIT 1`)
	} else {
		row = s.db.QueryRowContext(ctx, `SELECT `+runCols+` FROM coord_runs WHERE id = ?`, id)
	}
	run, err := scanRun(row)
	if err != nil {
		return run, notFound(err, "coordination run")
	}
	nq := `SELECT id, members, score, data FROM coord_networks WHERE run = ? ORDER BY members DESC, score DESC, id`
	args := []any{run.ID}
	if network != "" {
		nq = `SELECT id, members, score, data FROM coord_networks WHERE run = ? AND id = ?`
		args = append(args, network)
	}
	rows, err := s.db.QueryContext(ctx, nq, args...)
	if err != nil {
		return run, err
	}
	for rows.Next() {
		var d store.CoordDoc
		var data string
		if err := rows.Scan(&d.Key, &d.Members, &d.Score, &data); err != nil {
			rows.Close()
			return run, err
		}
		d.Data = []byte(data)
		run.Networks = append(run.Networks, d)
	}
	rows.Close()
	if network == "" {
		return run, nil
	}
	if len(run.Networks) == 0 {
		return run, fmt.Errorf("network %s in run %d: %w", network, run.ID, store.ErrNotFound)
	}
	arows, err := s.db.QueryContext(ctx, `SELECT name, network, score, data FROM coord_actors WHERE run = ? AND network = ? ORDER BY score DESC, name`, run.ID, network)
	if err != nil {
		return run, err
	}
	for arows.Next() {
		var d store.CoordDoc
		var data string
		if err := arows.Scan(&d.Key, &d.Network, &d.Score, &data); err != nil {
			arows.Close()
			return run, err
		}
		d.Data = []byte(data)
		run.Actors = append(run.Actors, d)
	}
	arows.Close()
	erows, err := s.db.QueryContext(ctx, `SELECT a, b, kind, weight, network, data FROM coord_edges WHERE run = ? AND network = ? ORDER BY weight DESC, a, b`, run.ID, network)
	if err != nil {
		return run, err
	}
	defer erows.Close()
	for erows.Next() {
		var e store.CoordEdge
		var data string
		if err := erows.Scan(&e.A, &e.B, &e.Kind, &e.Weight, &e.Network, &data); err != nil {
			return run, err
		}
		e.Data = []byte(data)
		run.Edges = append(run.Edges, e)
	}
	return run, erows.Err()
}
