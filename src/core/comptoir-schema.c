// SPDX-License-Identifier: GPL-3.0-or-later
#include "comptoir-store-private.h"

/* Numbered migrations. A migration is never edited once released: a change
 * to the schema is a new entry at the end of this list. */

static const char schema_v1[] =
  /* Photos and logos, content-addressed by the SHA-256 of the stored web image. */
  "CREATE TABLE media ("
  "  hash TEXT PRIMARY KEY CHECK (length (hash) = 64),"
  "  mime_type TEXT NOT NULL,"
  "  width INTEGER NOT NULL CHECK (width > 0),"
  "  height INTEGER NOT NULL CHECK (height > 0),"
  "  size INTEGER NOT NULL CHECK (size >= 0),"
  "  created_at TEXT NOT NULL"
  ");"

  /* The shop profile: one row. Structured parts (opening hours, services,
   * social links) are JSON documents owned by src/core. */
  "CREATE TABLE shop ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  name TEXT NOT NULL DEFAULT '',"
  "  tagline TEXT NOT NULL DEFAULT '',"
  "  description TEXT NOT NULL DEFAULT '',"
  "  category TEXT NOT NULL DEFAULT 'other',"
  "  street TEXT NOT NULL DEFAULT '',"
  "  postcode TEXT NOT NULL DEFAULT '',"
  "  city TEXT NOT NULL DEFAULT '',"
  "  phone TEXT NOT NULL DEFAULT '',"
  "  email TEXT NOT NULL DEFAULT '',"
  "  website TEXT NOT NULL DEFAULT '',"
  "  siret TEXT NOT NULL DEFAULT '',"
  "  social_links TEXT NOT NULL DEFAULT '[]',"
  "  opening_hours TEXT NOT NULL DEFAULT '{}',"
  "  services TEXT NOT NULL DEFAULT '{}',"
  "  logo_hash TEXT REFERENCES media (hash),"
  "  cover_hash TEXT REFERENCES media (hash),"
  "  updated_at TEXT NOT NULL DEFAULT ''"
  ");"
  "INSERT INTO shop (id) VALUES (1);"

  "CREATE TABLE products ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL,"
  "  description TEXT NOT NULL DEFAULT '',"
  "  price_cents INTEGER NOT NULL CHECK (price_cents >= 0),"
  "  vat_rate INTEGER NOT NULL DEFAULT 2000 CHECK (vat_rate IN (2000, 1000, 550, 210)),"
  "  unit TEXT NOT NULL DEFAULT 'piece',"
  "  stock INTEGER,"                 /* NULL: stock not tracked */
  "  sku TEXT NOT NULL DEFAULT '',"
  "  gtin TEXT NOT NULL DEFAULT '',"
  "  category TEXT NOT NULL DEFAULT '',"
  "  visibility INTEGER NOT NULL DEFAULT 0," /* ComptoirVisibility flags */
  "  archived INTEGER NOT NULL DEFAULT 0,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL"
  ");"
  "CREATE INDEX products_by_name ON products (archived, name COLLATE NOCASE);"

  "CREATE TABLE product_photos ("
  "  product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  media_hash TEXT NOT NULL REFERENCES media (hash),"
  "  PRIMARY KEY (product_id, position)"
  ");"
  "CREATE INDEX product_photos_by_media ON product_photos (media_hash);"

  "CREATE TABLE product_options ("
  "  product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL CHECK (position IN (0, 1)),"
  "  name TEXT NOT NULL,"
  "  option_values TEXT NOT NULL," /* JSON array of strings */
  "  PRIMARY KEY (product_id, position)"
  ");"

  "CREATE TABLE product_variants ("
  "  id INTEGER PRIMARY KEY,"
  "  product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,"
  "  value1 TEXT NOT NULL,"
  "  value2 TEXT,"
  "  price_cents INTEGER NOT NULL CHECK (price_cents >= 0),"
  "  stock INTEGER,"
  "  sku TEXT NOT NULL DEFAULT '',"
  "  UNIQUE (product_id, value1, value2)"
  ");"

  /* Connected platforms. Secrets are in the keyring, never here. */
  "CREATE TABLE accounts ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL CHECK (kind IN ('marketplace', 'directory')),"
  "  base_url TEXT NOT NULL,"
  "  platform_name TEXT NOT NULL DEFAULT '',"
  "  login TEXT NOT NULL DEFAULT '',"
  "  commission_rate INTEGER,"
  "  signed_in INTEGER NOT NULL DEFAULT 0,"
  "  created_at TEXT NOT NULL,"
  "  UNIQUE (base_url, login)"
  ");"

  /* Where each product stands on each platform. */
  "CREATE TABLE product_publications ("
  "  product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,"
  "  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,"
  "  remote_id TEXT,"
  "  remote_version TEXT,"
  "  state TEXT NOT NULL DEFAULT 'pending',"
  "  last_error TEXT,"
  "  PRIMARY KEY (product_id, account_id)"
  ");"

  "CREATE TABLE orders ("
  "  id INTEGER PRIMARY KEY,"
  "  account_id INTEGER REFERENCES accounts (id) ON DELETE CASCADE,"
  "  remote_id TEXT NOT NULL,"
  "  number TEXT NOT NULL DEFAULT '',"
  "  status TEXT NOT NULL CHECK (status IN ('new', 'accepted', 'ready', 'completed', 'rejected', 'cancelled')),"
  "  reject_reason TEXT,"
  "  customer_name TEXT NOT NULL DEFAULT '',"
  "  customer_phone TEXT NOT NULL DEFAULT '',"
  "  customer_email TEXT NOT NULL DEFAULT '',"
  "  fulfilment TEXT NOT NULL DEFAULT 'collect' CHECK (fulfilment IN ('collect', 'delivery')),"
  "  slot_start TEXT,"
  "  slot_end TEXT,"
  "  delivery_address TEXT,"
  "  customer_note TEXT NOT NULL DEFAULT '',"
  "  subtotal_cents INTEGER NOT NULL DEFAULT 0,"
  "  delivery_fee_cents INTEGER NOT NULL DEFAULT 0,"
  "  total_cents INTEGER NOT NULL DEFAULT 0,"
  "  remote_version TEXT,"
  "  placed_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  UNIQUE (account_id, remote_id)"
  ");"
  "CREATE INDEX orders_by_date ON orders (placed_at DESC);"

  "CREATE TABLE order_lines ("
  "  id INTEGER PRIMARY KEY,"
  "  order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,"
  "  remote_id TEXT,"
  "  product_remote_id TEXT,"
  "  name TEXT NOT NULL,"
  "  quantity INTEGER NOT NULL CHECK (quantity > 0),"
  "  unit_price_cents INTEGER NOT NULL,"
  "  total_cents INTEGER NOT NULL,"
  "  refunded_cents INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX order_lines_by_order ON order_lines (order_id);"

  "CREATE TABLE payouts ("
  "  id INTEGER PRIMARY KEY,"
  "  account_id INTEGER REFERENCES accounts (id) ON DELETE CASCADE,"
  "  remote_id TEXT NOT NULL,"
  "  period_start TEXT NOT NULL,"
  "  period_end TEXT NOT NULL,"
  "  gross_cents INTEGER NOT NULL,"
  "  commission_cents INTEGER NOT NULL,"
  "  fees_cents INTEGER NOT NULL,"
  "  net_cents INTEGER NOT NULL,"
  "  status TEXT NOT NULL CHECK (status IN ('scheduled', 'paid', 'failed')),"
  "  bank_reference TEXT NOT NULL DEFAULT '',"
  "  updated_at TEXT NOT NULL,"
  "  UNIQUE (account_id, remote_id)"
  ");"
  "CREATE INDEX payouts_by_period ON payouts (period_end DESC);"

  "CREATE TABLE payout_orders ("
  "  payout_id INTEGER NOT NULL REFERENCES payouts (id) ON DELETE CASCADE,"
  "  order_remote_id TEXT NOT NULL,"
  "  PRIMARY KEY (payout_id, order_remote_id)"
  ");"

  /* Changes waiting to be sent, in order, each with the idempotency key it
   * keeps through every retry and restart. */
  "CREATE TABLE outbox ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,"
  "  object_type TEXT NOT NULL,"
  "  object_id INTEGER NOT NULL,"
  "  operation TEXT NOT NULL,"
  "  payload TEXT NOT NULL DEFAULT '{}',"
  "  idempotency_key TEXT NOT NULL UNIQUE,"
  "  base_version TEXT,"
  "  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'failed', 'done')),"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  next_attempt_at TEXT,"
  "  last_error TEXT,"
  "  created_at TEXT NOT NULL"
  ");"
  "CREATE INDEX outbox_pending ON outbox (state, account_id, object_type, object_id, id);"

  /* Incremental pulls: one cursor per platform account and resource. */
  "CREATE TABLE sync_state ("
  "  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,"
  "  resource TEXT NOT NULL,"
  "  cursor TEXT,"
  "  last_success_at TEXT,"
  "  last_error TEXT,"
  "  PRIMARY KEY (account_id, resource)"
  ");";

/* The catalogue: folded copies (no case, no accents: comptoir_fold(), a
 * function every connection of the store registers) of the name, for
 * sorting, and of the name, SKUs and GTIN, for searching, kept by
 * triggers so that every writer keeps them right. Indexes for each sort
 * order of the products list. */
#define SEARCH_TEXT(p) \
  "comptoir_fold (" p ".name || ' ' || " p ".sku || ' ' || " p ".gtin || ' ' || " \
  "coalesce ((SELECT group_concat (v.sku, ' ') FROM product_variants v WHERE v.product_id = " p ".id), ''))"

static const char schema_v2[] =
  "ALTER TABLE products ADD COLUMN sort_name TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE products ADD COLUMN search_text TEXT NOT NULL DEFAULT '';"
  "UPDATE products SET sort_name = comptoir_fold (name), search_text = " SEARCH_TEXT ("products") ";"
  "CREATE TRIGGER products_fold_insert AFTER INSERT ON products BEGIN"
  "  UPDATE products SET sort_name = comptoir_fold (NEW.name), search_text = " SEARCH_TEXT ("NEW")
  "  WHERE id = NEW.id;"
  "END;"
  "CREATE TRIGGER products_fold_update AFTER UPDATE OF name, sku, gtin ON products BEGIN"
  "  UPDATE products SET sort_name = comptoir_fold (NEW.name), search_text = " SEARCH_TEXT ("NEW")
  "  WHERE id = NEW.id;"
  "END;"
  "CREATE TRIGGER product_variants_fold_insert AFTER INSERT ON product_variants BEGIN"
  "  UPDATE products SET search_text = " SEARCH_TEXT ("products") " WHERE id = NEW.product_id;"
  "END;"
  "CREATE TRIGGER product_variants_fold_update AFTER UPDATE OF sku ON product_variants BEGIN"
  "  UPDATE products SET search_text = " SEARCH_TEXT ("products") " WHERE id = NEW.product_id;"
  "END;"
  "CREATE TRIGGER product_variants_fold_delete AFTER DELETE ON product_variants BEGIN"
  "  UPDATE products SET search_text = " SEARCH_TEXT ("products") " WHERE id = OLD.product_id;"
  "END;"
  "CREATE INDEX products_by_sort_name ON products (archived, sort_name, id);"
  "CREATE INDEX products_by_price ON products (archived, price_cents, id);"
  "CREATE INDEX products_by_stock ON products (archived, stock IS NULL, stock, id);"
  "CREATE INDEX products_by_stock_desc ON products (archived, stock IS NULL, stock DESC, id DESC);"
  "CREATE INDEX products_by_updated ON products (archived, updated_at, id);"
  "CREATE INDEX products_by_category ON products (archived, category);"
  "CREATE INDEX product_publications_by_account ON product_publications (account_id, state);";

/* Orders the merchant acts on: the status the platform last gave, kept
 * apart from the one shown while a local action waits to be sent (a pull
 * must not undo it, and a refusal brings the platform's back). */
static const char schema_v3[] =
  "ALTER TABLE orders ADD COLUMN remote_status TEXT;"
  "UPDATE orders SET remote_status = status;";

static const ComptoirMigration migrations[] = {
  { 1, schema_v1 },
  { 2, schema_v2 },
  { 3, schema_v3 },
};

const ComptoirMigration *
comptoir_store_get_migrations (guint *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}
