//! The SQLite database: schema, seeding, and every query the API runs.
//!
//! Money is kept in whole cents and ratings in tenths of a star, as integers,
//! so sums never drift. All writes go through one connection, and each
//! purchase is one `BEGIN IMMEDIATE` transaction whose balance update only
//! succeeds while the balance covers the price.

use rusqlite::{
    params, params_from_iter, Connection, OptionalExtension, ToSql, TransactionBehavior,
};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::icons;
use crate::params::{Order, PublicListParams, PublicSort, UserListParams};
use crate::seed::{self, SeedImage};

/// Read connections kept open beside the writer.
const READERS: usize = 4;

const TABLES: &str = "
CREATE TABLE IF NOT EXISTS images (
    id TEXT PRIMARY KEY,
    alias TEXT NOT NULL,
    description TEXT NOT NULL,
    image_name TEXT NOT NULL,
    architecture TEXT NOT NULL,
    os TEXT NOT NULL,
    release TEXT NOT NULL,
    serial TEXT NOT NULL,
    variant TEXT NOT NULL,
    size INTEGER NOT NULL CHECK (size >= 0),
    price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
    added_date TEXT NOT NULL,
    tags TEXT NOT NULL DEFAULT '',
    prespawn INTEGER NOT NULL DEFAULT 0,
    is_public INTEGER NOT NULL DEFAULT 1,
    icon_os TEXT,
    icon_url TEXT,
    rating_sum_tenths INTEGER NOT NULL DEFAULT 0,
    rating_count INTEGER NOT NULL DEFAULT 0,
    average_rating REAL GENERATED ALWAYS AS (
        CASE WHEN rating_count = 0 THEN 0.0
             ELSE ROUND(rating_sum_tenths / 10.0 / rating_count, 1) END
    ) VIRTUAL,
    search_text TEXT GENERATED ALWAYS AS (SEARCH_TEXT) STORED
);
CREATE TABLE IF NOT EXISTS icons (
    os TEXT PRIMARY KEY,
    png BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    token TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    balance_cents INTEGER NOT NULL CHECK (balance_cents >= 0),
    is_demo INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ownership (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users (id),
    image_id TEXT NOT NULL REFERENCES images (id),
    price_paid_cents INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (user_id, image_id)
);
CREATE TABLE IF NOT EXISTS ratings (
    user_id INTEGER NOT NULL REFERENCES users (id),
    image_id TEXT NOT NULL REFERENCES images (id),
    rating_tenths INTEGER NOT NULL CHECK (rating_tenths BETWEEN 0 AND 50),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (user_id, image_id)
);
";

/// Indexes, and what keeps them up to date.
const INDEXES: &str = "
-- Each sort walks an index in order and stops at the page; the builds of an
-- image are found by OS and architecture, newest first. Only public images
-- are listed, and only they are in these indexes: a count reads no table row.
CREATE INDEX IF NOT EXISTS images_listed_added ON images (added_date, id) WHERE is_public = 1;
-- Counts of any filter on OS, architecture and price read this index alone.
CREATE INDEX IF NOT EXISTS images_filters
    ON images (is_public, os COLLATE NOCASE, architecture COLLATE NOCASE, price_cents);
CREATE INDEX IF NOT EXISTS images_listed_price ON images (price_cents, id) WHERE is_public = 1;
CREATE INDEX IF NOT EXISTS images_listed_alias
    ON images (alias COLLATE NOCASE, id) WHERE is_public = 1;
CREATE INDEX IF NOT EXISTS images_listed_rating
    ON images (average_rating, id) WHERE is_public = 1;
CREATE INDEX IF NOT EXISTS images_listed_os
    ON images (os COLLATE NOCASE, added_date, id) WHERE is_public = 1;
CREATE INDEX IF NOT EXISTS images_listed_os_architecture
    ON images (os COLLATE NOCASE, architecture COLLATE NOCASE, added_date, id)
    WHERE is_public = 1;
-- Search finds words anywhere in `search_text` (trigrams: three letters or
-- more) through this index, kept up to date by the triggers below.
CREATE VIRTUAL TABLE IF NOT EXISTS images_search
    USING fts5(search_text, content = 'images', tokenize = 'trigram');
CREATE TRIGGER IF NOT EXISTS images_search_insert AFTER INSERT ON images BEGIN
    INSERT INTO images_search (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
CREATE TRIGGER IF NOT EXISTS images_search_delete AFTER DELETE ON images BEGIN
    INSERT INTO images_search (images_search, rowid, search_text)
        VALUES ('delete', old.rowid, old.search_text);
END;
CREATE TRIGGER IF NOT EXISTS images_search_update
    AFTER UPDATE OF alias, image_name, description, tags ON images BEGIN
    INSERT INTO images_search (images_search, rowid, search_text)
        VALUES ('delete', old.rowid, old.search_text);
    INSERT INTO images_search (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
";

const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/// What a search looks in, lower-cased once when an image is stored: the
/// name, the build's name, the description and the tags (a line apart, so
/// that no word is found across two of them).
const SEARCH_TEXT: &str =
    "lower(alias || char(10) || image_name || char(10) || description || char(10) || tags)";

/// Creates the tables and indexes, or brings an older database up to date:
/// one made before `search_text` existed gets it (computed on read: SQLite
/// adds only those to an existing table), and a search index filled from
/// the images it holds.
fn create_schema(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(&TABLES.replace("SEARCH_TEXT", SEARCH_TEXT))?;
    let has_search_text: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM pragma_table_xinfo('images') WHERE name = 'search_text')",
        [],
        |r| r.get(0),
    )?;
    if !has_search_text {
        conn.execute_batch(&format!(
            "ALTER TABLE images ADD COLUMN search_text TEXT GENERATED ALWAYS AS ({SEARCH_TEXT}) VIRTUAL"
        ))?;
    }
    conn.execute_batch(INDEXES)?;
    let indexed: i64 = conn.query_row("SELECT COUNT(*) FROM images_search_docsize", [], |r| {
        r.get(0)
    })?;
    let images: i64 = conn.query_row("SELECT COUNT(*) FROM images", [], |r| r.get(0))?;
    if indexed != images {
        conn.execute(
            "INSERT INTO images_search (images_search) VALUES ('rebuild')",
            [],
        )?;
    }
    Ok(())
}

/// An image as the public endpoints return it.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageRow {
    pub id: String,
    pub alias: String,
    pub description: String,
    pub image_name: String,
    pub architecture: String,
    pub os: String,
    pub release: String,
    pub serial: String,
    pub variant: String,
    pub size: i64,
    pub price_cents: i64,
    pub added_date: String,
    pub average_rating: f64,
    pub rating_count: i64,
    pub prespawn: bool,
    /// An `icon_url` given by `import-images`, returned as is.
    pub icon_url: Option<String>,
    /// Whether the icon endpoint has a PNG for this image.
    pub has_icon: bool,
}

/// An image as the user list returns it, with the user's rating.
#[derive(Debug, Clone, PartialEq)]
pub struct UserImageRow {
    pub image: ImageRow,
    pub user_rating_tenths: Option<i64>,
}

/// A user known by their token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub name: String,
    pub balance_cents: i64,
}

/// What the icon endpoint finds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IconLookup {
    NoImage,
    NoIcon,
    Png(Vec<u8>),
}

/// Why an action on an image was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActionError {
    /// No public image has this id.
    NotFound,
    /// The contract's 400 for this action.
    Refused,
    /// The database failed.
    Database(String),
}

impl From<rusqlite::Error> for ActionError {
    fn from(err: rusqlite::Error) -> Self {
        ActionError::Database(err.to_string())
    }
}

/// An image to add with `import-images` (JSON, the API's field names).
#[derive(Debug, Clone, serde::Deserialize)]
pub struct ImageInput {
    pub id: String,
    pub alias: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub image_name: String,
    pub architecture: String,
    pub os: String,
    #[serde(default)]
    pub release: String,
    #[serde(default)]
    pub serial: String,
    #[serde(default)]
    pub variant: String,
    #[serde(default)]
    pub size: i64,
    #[serde(default)]
    pub price: f64,
    #[serde(default)]
    pub added_date: Option<String>,
    #[serde(default)]
    pub tags: String,
    #[serde(default)]
    pub prespawn: bool,
    /// Use the icon of this OS (defaults to the image's OS).
    #[serde(default)]
    pub icon_os: Option<String>,
    /// Return this `icon_url` as is instead of the icon endpoint's (for testing clients).
    #[serde(default)]
    pub icon_url: Option<String>,
    #[serde(default)]
    pub average_rating: f64,
    #[serde(default)]
    pub rating_count: i64,
}

/// The database: one writer and a few readers on the same file.
pub struct Db {
    writer: Mutex<Connection>,
    readers: Vec<Mutex<Connection>>,
    next_reader: AtomicUsize,
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // Recursive triggers: an INSERT OR REPLACE (import-images) then deletes
    // the replaced row from the search index too.
    conn.execute_batch(
        "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA recursive_triggers = ON;",
    )?;
    Ok(())
}

impl Db {
    /// Opens (or creates and seeds with the demo catalog) the database at
    /// `path`. Returns whether it was created now.
    pub fn open(path: &Path) -> Result<(Self, bool), String> {
        Self::open_with(path, seed::Builds::Demo)
    }

    /// As [`Db::open`], seeding a new database with `builds` of each image.
    pub fn open_with(path: &Path, builds: seed::Builds) -> Result<(Self, bool), String> {
        let describe =
            |err: rusqlite::Error| format!("cannot open database {}: {err}", path.display());
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            if !parent.is_dir() {
                return Err(format!(
                    "cannot open database {}: the folder {} does not exist",
                    path.display(),
                    parent.display()
                ));
            }
        }
        let existed = path.exists();
        let writer = Connection::open(path).map_err(describe)?;
        writer
            .pragma_update(None, "journal_mode", "WAL")
            .map_err(describe)?;
        configure(&writer).map_err(describe)?;
        create_schema(&writer).map_err(describe)?;
        let is_empty: bool = writer
            .query_row("SELECT NOT EXISTS (SELECT 1 FROM images)", [], |r| r.get(0))
            .map_err(describe)?;
        let created = !existed || is_empty;
        let mut db = Self {
            writer: Mutex::new(writer),
            readers: Vec::new(),
            next_reader: AtomicUsize::new(0),
        };
        if created {
            db.seed(builds).map_err(describe)?;
            // The planner gets the statistics to choose among the indexes,
            // and readers find the seeded catalog in the database file, not
            // in a write-ahead log tens of megabytes long.
            db.write(|c| c.execute_batch("ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);"))
                .map_err(describe)?;
        }
        for _ in 0..READERS {
            let reader = Connection::open(path).map_err(describe)?;
            configure(&reader).map_err(describe)?;
            db.readers.push(Mutex::new(reader));
        }
        Ok((db, created))
    }

    fn seed(&self, builds: seed::Builds) -> rusqlite::Result<()> {
        self.write(|conn| {
            let tx = conn.transaction()?;
            let catalog = seed::catalog_with(builds);
            let mut oses: Vec<&str> = catalog.iter().map(|i| i.os.as_str()).collect();
            oses.sort_unstable();
            oses.dedup();
            for os in oses {
                tx.execute(
                    "INSERT OR REPLACE INTO icons (os, png) VALUES (?1, ?2)",
                    params![os, icons::icon_png(os)],
                )?;
            }
            for image in &catalog {
                insert_seed_image(&tx, image)?;
            }
            tx.commit()
        })
    }

    /// Runs `f` on a read connection.
    pub fn read<T>(
        &self,
        f: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<T> {
        let index = self.next_reader.fetch_add(1, Ordering::Relaxed) % self.readers.len().max(1);
        match self.readers.get(index) {
            Some(reader) => f(&reader.lock().unwrap_or_else(|e| e.into_inner())),
            None => f(&self.writer.lock().unwrap_or_else(|e| e.into_inner())),
        }
    }

    /// Runs `f` on the write connection (one writer at a time).
    pub fn write<T>(
        &self,
        f: impl FnOnce(&mut Connection) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<T> {
        f(&mut self.writer.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Runs an action that may be refused, on the write connection.
    pub fn act<T>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<T, ActionError>,
    ) -> Result<T, ActionError> {
        f(&mut self.writer.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

fn insert_seed_image(conn: &Connection, image: &SeedImage) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO images (id, alias, description, image_name, architecture, os, release, serial,
            variant, size, price_cents, added_date, tags, prespawn, icon_os, rating_sum_tenths, rating_count)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
        params![
            image.id,
            image.alias,
            image.description,
            image.image_name,
            image.architecture,
            image.os,
            image.release,
            image.serial,
            image.variant,
            image.size,
            image.price_cents,
            image.added_date,
            image.tags,
            image.prespawn,
            image.has_icon.then_some(image.os.as_str()),
            image.rating_sum_tenths,
            image.rating_count,
        ],
    )?;
    Ok(())
}

const IMAGE_COLUMNS: &str =
    "i.id, i.alias, i.description, i.image_name, i.architecture, i.os, i.release,
    i.serial, i.variant, i.size, i.price_cents, i.added_date, i.average_rating, i.rating_count,
    i.prespawn, i.icon_url,
    i.icon_os IS NOT NULL AND EXISTS (SELECT 1 FROM icons WHERE os = i.icon_os)";

fn image_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<ImageRow> {
    Ok(ImageRow {
        id: row.get(0)?,
        alias: row.get(1)?,
        description: row.get(2)?,
        image_name: row.get(3)?,
        architecture: row.get(4)?,
        os: row.get(5)?,
        release: row.get(6)?,
        serial: row.get(7)?,
        variant: row.get(8)?,
        size: row.get(9)?,
        price_cents: row.get(10)?,
        added_date: row.get(11)?,
        average_rating: row.get(12)?,
        rating_count: row.get(13)?,
        prespawn: row.get(14)?,
        icon_url: row.get(15)?,
        has_icon: row.get(16)?,
    })
}

/// The expression the public list is ordered by.
fn sort_column(sort: PublicSort) -> &'static str {
    match sort {
        PublicSort::Alias => "i.alias COLLATE NOCASE",
        PublicSort::AddedDate => "i.added_date",
        PublicSort::Price => "i.price_cents",
        PublicSort::Rating => "i.average_rating",
    }
}

/// `ASC` or `DESC`.
fn order_keyword(order: Order) -> &'static str {
    match order {
        Order::Asc => "ASC",
        Order::Desc => "DESC",
    }
}

/// One page of the public catalog and the number of matching images.
pub fn list_public(
    conn: &Connection,
    p: &PublicListParams,
) -> rusqlite::Result<(Vec<ImageRow>, u64)> {
    let mut filters = vec!["i.is_public = 1".to_string()];
    let mut values: Vec<Box<dyn ToSql>> = Vec::new();
    let mut bind = |sql: &str, value: Box<dyn ToSql>, filters: &mut Vec<String>| {
        values.push(value);
        filters.push(sql.replace('?', &format!("?{}", values.len())));
    };
    // `KIND` is `+` in the page's query when it is sorted other than by
    // date: the page walks the sort's index rather than sort all the images
    // of an OS; the indexes on OS and architecture hold them newest first.
    if let Some(os) = &p.os {
        bind(
            "KINDi.os = ? COLLATE NOCASE",
            Box::new(os.clone()),
            &mut filters,
        );
    }
    if let Some(arch) = &p.architecture {
        bind(
            "KINDi.architecture = ? COLLATE NOCASE",
            Box::new(arch.clone()),
            &mut filters,
        );
    }
    // `RANGE` is `+` in the page's query: there a price or rating range is
    // not worth an index walk of its own (most images are free, most are
    // rated 3 to 5), and the planner walks the sort's index instead; the
    // count reads the range's index.
    if let Some(min) = p.min_price_cents {
        bind("RANGEi.price_cents >= ?", Box::new(min), &mut filters);
    }
    if let Some(max) = p.max_price_cents {
        bind("RANGEi.price_cents <= ?", Box::new(max), &mut filters);
    }
    if let Some(min) = p.min_rating {
        bind("RANGEi.average_rating >= ?", Box::new(min), &mut filters);
    }
    if let Some(max) = p.max_rating {
        bind("RANGEi.average_rating <= ?", Box::new(max), &mut filters);
    }
    for word in &p.search_words {
        // Within an OS the images are few enough to look at each (and a
        // word such as an alias is found in most of them): the trigram
        // index serves a search of the whole catalog.
        if word.chars().count() >= 3 && p.os.is_none() {
            // A quoted FTS5 string: the word as it is, anywhere in the text.
            let phrase = format!("\"{}\"", word.replace('"', "\"\""));
            bind(
                "i.rowid IN (SELECT rowid FROM images_search WHERE images_search MATCH ?)",
                Box::new(phrase),
                &mut filters,
            );
        } else {
            bind(
                "instr(i.search_text, ?) > 0",
                Box::new(word.clone()),
                &mut filters,
            );
        }
    }
    let where_sql = filters.join(" AND ");
    let total: u64 = conn.query_row(
        &format!(
            "SELECT COUNT(*) FROM images i WHERE {}",
            where_sql.replace("RANGE", "").replace("KIND", "")
        ),
        params_from_iter(values.iter()),
        |r| r.get::<_, i64>(0),
    )? as u64;
    let order = order_keyword(p.order);
    let sql = format!(
        "SELECT {IMAGE_COLUMNS} FROM images i WHERE {}
         ORDER BY {} {order}, i.id {order} LIMIT {} OFFSET {}",
        where_sql.replace("RANGE", "+").replace(
            "KIND",
            if p.sort == PublicSort::AddedDate {
                ""
            } else {
                "+"
            }
        ),
        sort_column(p.sort),
        p.paging.limit,
        p.paging.offset()
    );
    let mut statement = conn.prepare_cached(&sql)?;
    let rows = statement
        .query_map(params_from_iter(values.iter()), image_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok((rows, total))
}

/// A public image by id.
pub fn get_public(conn: &Connection, id: &str) -> rusqlite::Result<Option<ImageRow>> {
    conn.query_row(
        &format!("SELECT {IMAGE_COLUMNS} FROM images i WHERE i.id = ?1 AND i.is_public = 1"),
        params![id],
        image_from_row,
    )
    .optional()
}

/// The icon of an image.
pub fn icon(conn: &Connection, id: &str) -> rusqlite::Result<IconLookup> {
    let icon_os: Option<Option<String>> = conn
        .query_row(
            "SELECT icon_os FROM images WHERE id = ?1",
            params![id],
            |r| r.get(0),
        )
        .optional()?;
    let Some(icon_os) = icon_os else {
        return Ok(IconLookup::NoImage);
    };
    let Some(icon_os) = icon_os else {
        return Ok(IconLookup::NoIcon);
    };
    let png: Option<Vec<u8>> = conn
        .query_row(
            "SELECT png FROM icons WHERE os = ?1",
            params![icon_os],
            |r| r.get(0),
        )
        .optional()?;
    Ok(png.map(IconLookup::Png).unwrap_or(IconLookup::NoIcon))
}

/// The user holding `token`, if any.
pub fn user_by_token(conn: &Connection, token: &str) -> rusqlite::Result<Option<User>> {
    conn.query_row(
        "SELECT id, name, balance_cents FROM users WHERE token = ?1",
        params![token],
        |r| {
            Ok(User {
                id: r.get(0)?,
                name: r.get(1)?,
                balance_cents: r.get(2)?,
            })
        },
    )
    .optional()
}

/// One page of a user's images, by when they got them, and their number.
pub fn list_user(
    conn: &Connection,
    user_id: i64,
    p: &UserListParams,
) -> rusqlite::Result<(Vec<UserImageRow>, u64)> {
    let total: i64 = conn.query_row(
        "SELECT COUNT(*) FROM ownership WHERE user_id = ?1",
        params![user_id],
        |r| r.get(0),
    )?;
    let order = order_keyword(p.order);
    let sql = format!(
        "SELECT {IMAGE_COLUMNS}, r.rating_tenths FROM ownership o
         JOIN images i ON i.id = o.image_id
         LEFT JOIN ratings r ON r.user_id = o.user_id AND r.image_id = o.image_id
         WHERE o.user_id = ?1
         ORDER BY o.created_at {order}, o.seq {order} LIMIT {} OFFSET {}",
        p.paging.limit,
        p.paging.offset()
    );
    let mut statement = conn.prepare_cached(&sql)?;
    let rows = statement
        .query_map(params![user_id], |row| {
            Ok(UserImageRow {
                image: image_from_row(row)?,
                user_rating_tenths: row.get(17)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok((rows, total as u64))
}

fn public_price(conn: &Connection, id: &str) -> Result<i64, ActionError> {
    conn.query_row(
        "SELECT price_cents FROM images WHERE id = ?1 AND is_public = 1",
        params![id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or(ActionError::NotFound)
}

/// Adds a free image to the user's account.
pub fn import_free(conn: &mut Connection, user_id: i64, id: &str) -> Result<(), ActionError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    if public_price(&tx, id)? != 0 {
        return Err(ActionError::Refused);
    }
    let inserted = tx.execute(
        &format!(
            "INSERT OR IGNORE INTO ownership (user_id, image_id, price_paid_cents, created_at)
             VALUES (?1, ?2, 0, {NOW})"
        ),
        params![user_id, id],
    )?;
    if inserted == 0 {
        return Err(ActionError::Refused);
    }
    tx.commit()?;
    Ok(())
}

/// Buys a paid image: balance check, deduction and ownership in one transaction.
/// Returns the price paid and the remaining balance, in cents.
pub fn purchase(conn: &mut Connection, user_id: i64, id: &str) -> Result<(i64, i64), ActionError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let price = public_price(&tx, id)?;
    if price == 0 {
        // Free images are imported, not bought.
        return Err(ActionError::Refused);
    }
    let owned: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM ownership WHERE user_id = ?1 AND image_id = ?2)",
        params![user_id, id],
        |r| r.get(0),
    )?;
    if owned {
        return Err(ActionError::Refused);
    }
    let charged = tx.execute(
        "UPDATE users SET balance_cents = balance_cents - ?1 WHERE id = ?2 AND balance_cents >= ?1",
        params![price, user_id],
    )?;
    if charged == 0 {
        return Err(ActionError::Refused);
    }
    tx.execute(
        &format!(
            "INSERT INTO ownership (user_id, image_id, price_paid_cents, created_at)
             VALUES (?1, ?2, ?3, {NOW})"
        ),
        params![user_id, id, price],
    )?;
    let balance: i64 = tx.query_row(
        "SELECT balance_cents FROM users WHERE id = ?1",
        params![user_id],
        |r| r.get(0),
    )?;
    tx.commit()?;
    Ok((price, balance))
}

/// Records the user's rating (replacing an earlier one) and returns the
/// image's new average and count.
pub fn rate(
    conn: &mut Connection,
    user_id: i64,
    id: &str,
    tenths: i64,
) -> Result<(f64, i64), ActionError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    public_price(&tx, id)?;
    let previous: Option<i64> = tx
        .query_row(
            "SELECT rating_tenths FROM ratings WHERE user_id = ?1 AND image_id = ?2",
            params![user_id, id],
            |r| r.get(0),
        )
        .optional()?;
    tx.execute(
        &format!(
            "INSERT INTO ratings (user_id, image_id, rating_tenths, updated_at) VALUES (?1, ?2, ?3, {NOW})
             ON CONFLICT (user_id, image_id) DO UPDATE SET rating_tenths = excluded.rating_tenths,
                 updated_at = excluded.updated_at"
        ),
        params![user_id, id, tenths],
    )?;
    let (sum_change, count_change) = match previous {
        Some(old) => (tenths - old, 0),
        None => (tenths, 1),
    };
    tx.execute(
        "UPDATE images SET rating_sum_tenths = rating_sum_tenths + ?1, rating_count = rating_count + ?2 WHERE id = ?3",
        params![sum_change, count_change, id],
    )?;
    let summary = tx.query_row(
        "SELECT average_rating, rating_count FROM images WHERE id = ?1",
        params![id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    tx.commit()?;
    Ok(summary)
}

/// A new random token.
pub fn new_token() -> String {
    let mut bytes = [0u8; 20];
    // The OS random source does not fail on the platforms this runs on; if it
    // did, the time-based fallback still gives a distinct (if guessable) token.
    if getrandom::fill(&mut bytes).is_err() {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        bytes[..16].copy_from_slice(&nanos.to_le_bytes());
    }
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("cit_{hex}")
}

/// Adds a user with a balance; returns their token.
pub fn add_user(
    conn: &Connection,
    name: &str,
    balance_cents: i64,
    token: Option<&str>,
    demo: bool,
) -> rusqlite::Result<String> {
    let token = token.map(str::to_string).unwrap_or_else(new_token);
    conn.execute(
        &format!("INSERT INTO users (token, name, balance_cents, is_demo, created_at) VALUES (?1, ?2, ?3, ?4, {NOW})"),
        params![token, name, balance_cents, demo],
    )?;
    Ok(token)
}

/// Makes sure a demo user exists: with `token` when given, else the existing
/// demo user or a new one. Returns its token.
pub fn ensure_demo_user(
    conn: &Connection,
    token: Option<&str>,
    balance_cents: i64,
) -> rusqlite::Result<String> {
    if let Some(token) = token {
        if user_by_token(conn, token)?.is_some() {
            return Ok(token.to_string());
        }
        return add_user(conn, "Demo user", balance_cents, Some(token), true);
    }
    let existing: Option<String> = conn
        .query_row(
            "SELECT token FROM users WHERE is_demo = 1 ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    match existing {
        Some(token) => Ok(token),
        None => add_user(conn, "Demo user", balance_cents, None, true),
    }
}

/// Adds or replaces catalog images (for fixtures and operators).
pub fn import_images(conn: &mut Connection, images: &[ImageInput]) -> rusqlite::Result<usize> {
    let tx = conn.transaction()?;
    for image in images {
        let rating_count = image.rating_count.max(0);
        let sum = (image.average_rating.clamp(0.0, 5.0) * 10.0).round() as i64 * rating_count;
        tx.execute(
            &format!(
                "INSERT OR REPLACE INTO images (id, alias, description, image_name, architecture, os, release,
                    serial, variant, size, price_cents, added_date, tags, prespawn, icon_os, icon_url,
                    rating_sum_tenths, rating_count)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, COALESCE(?12, {NOW}), ?13, ?14, ?15, ?16, ?17, ?18)"
            ),
            params![
                image.id,
                image.alias,
                image.description,
                image.image_name,
                image.architecture,
                image.os,
                image.release,
                image.serial,
                image.variant,
                image.size.max(0),
                (image.price.max(0.0) * 100.0).round() as i64,
                image.added_date,
                image.tags,
                image.prespawn,
                image.icon_os.clone().or_else(|| Some(image.os.clone())),
                image.icon_url,
                sum,
                rating_count,
            ],
        )?;
    }
    tx.commit()?;
    Ok(images.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A database made before `search_text` and the search index existed
    /// is brought up to date when opened, and searched as a new one is.
    #[test]
    fn an_older_database_gets_the_search_column_and_index() {
        let dir = std::env::temp_dir().join(format!("api-server-db-old-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("catalog.db");
        {
            let old_tables = TABLES.replace(
                ",\n    search_text TEXT GENERATED ALWAYS AS (SEARCH_TEXT) STORED",
                "",
            );
            assert!(!old_tables.contains("search_text"));
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(&old_tables).unwrap();
            insert_seed_image(&conn, &seed::catalog()[0]).unwrap();
        }
        let (db, created) = Db::open(&path).unwrap();
        assert!(!created, "the old catalog is kept");
        let name = seed::catalog()[0].image_name.clone();
        for query in [format!("search={name}"), format!("search={name}&os=ubuntu")] {
            let params = PublicListParams::parse(Some(&query)).unwrap();
            let (rows, total) = db.read(|c| list_public(c, &params)).unwrap();
            assert_eq!(total, 1, "{query}");
            assert_eq!(rows[0].image_name, name);
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
