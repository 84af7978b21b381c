// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-order-batch"

#include "config.h"

#include <json-glib/json-glib.h>

#include "comptoir-order-batch.h"
#include "comptoir-store-private.h"

/* Pages of orders and payouts as a pull brings them: many rows, statements
 * prepared once per page, and a row left alone when the platform sent it
 * unchanged (same version), so that pulling again writes nothing. */

typedef struct
{
  sqlite3_stmt *upsert;
  sqlite3_stmt *delete_lines;
  sqlite3_stmt *insert_line;
} OrderStatements;

static void
order_statements_clear (OrderStatements *s)
{
  g_clear_pointer (&s->upsert, sqlite3_finalize);
  g_clear_pointer (&s->delete_lines, sqlite3_finalize);
  g_clear_pointer (&s->insert_line, sqlite3_finalize);
}

static const char *
nonempty_or_null (const char *s)
{
  return (s != NULL && *s != '\0') ? s : NULL;
}

static gboolean
order_statements_prepare (ComptoirStore    *store,
                          OrderStatements  *s,
                          GError          **error)
{
  /* The DO UPDATE's WHERE skips an order whose stored version is the one
   * sent or a later one (a page fetched before the merchant's own change
   * came back): RETURNING then gives no row. An order without a version,
   * sent (0, bound as NULL) or stored, is always written.
   *
   * While an action of the merchant on the order waits in the outbox, the
   * status shown stays the one the merchant chose (DESIGN.md, rule 6): the
   * platform's goes to remote_status, where a refusal of the action finds
   * it again — except a cancellation by the customer, which shows at once:
   * the merchant must not prepare a cancelled order. */
  s->upsert = comptoir_store_prepare (store,
                                      "INSERT INTO orders (account_id, remote_id, number, status, "
                                      "customer_name, customer_phone, customer_email, fulfilment, "
                                      "slot_start, slot_end, delivery_address, customer_note, "
                                      "subtotal_cents, delivery_fee_cents, total_cents, remote_version, "
                                      "placed_at, updated_at, remote_status) "
                                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?4) "
                                      "ON CONFLICT (account_id, remote_id) DO UPDATE SET "
                                      "number = excluded.number, "
                                      "status = CASE WHEN excluded.status = 'cancelled' THEN excluded.status "
                                      "  WHEN EXISTS (SELECT 1 FROM outbox o WHERE o.state = 'pending' "
                                      "  AND o.account_id = orders.account_id AND o.object_type = 'order' "
                                      "  AND o.object_id = orders.id) THEN orders.status ELSE excluded.status END, "
                                      "remote_status = excluded.status, "
                                      "customer_name = excluded.customer_name, "
                                      "customer_phone = excluded.customer_phone, "
                                      "customer_email = excluded.customer_email, "
                                      "fulfilment = excluded.fulfilment, slot_start = excluded.slot_start, "
                                      "slot_end = excluded.slot_end, delivery_address = excluded.delivery_address, "
                                      "customer_note = excluded.customer_note, "
                                      "subtotal_cents = excluded.subtotal_cents, "
                                      "delivery_fee_cents = excluded.delivery_fee_cents, "
                                      "total_cents = excluded.total_cents, "
                                      "remote_version = excluded.remote_version, "
                                      "placed_at = excluded.placed_at, updated_at = excluded.updated_at "
                                      "WHERE excluded.remote_version IS NULL OR orders.remote_version IS NULL "
                                      "OR CAST (excluded.remote_version AS INTEGER) "
                                      "   > CAST (orders.remote_version AS INTEGER) "
                                      "RETURNING id",
                                      error);
  if (s->upsert == NULL)
    return FALSE;
  s->delete_lines = comptoir_store_prepare (store, "DELETE FROM order_lines WHERE order_id = ?", error);
  if (s->delete_lines == NULL)
    return FALSE;
  s->insert_line = comptoir_store_prepare (store,
                                           "INSERT INTO order_lines (order_id, remote_id, product_remote_id, name, "
                                           "quantity, unit_price_cents, total_cents, refunded_cents) "
                                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                           error);
  return s->insert_line != NULL;
}

static gboolean
write_order_lines (ComptoirStore    *store,
                   OrderStatements  *s,
                   gint64            order_id,
                   GPtrArray        *lines,
                   GError          **error)
{
  /* The platform's lines replace the stored ones as a whole. */
  sqlite3_reset (s->delete_lines);
  sqlite3_bind_int64 (s->delete_lines, 1, order_id);
  if (!comptoir_store_step_done (store, s->delete_lines, error))
    return FALSE;

  for (guint i = 0; lines != NULL && i < lines->len; i++)
    {
      ComptoirOrderLine *line = lines->pdata[i];

      sqlite3_reset (s->insert_line);
      sqlite3_bind_int64 (s->insert_line, 1, order_id);
      comptoir_sql_bind_text (s->insert_line, 2, nonempty_or_null (line->remote_id));
      comptoir_sql_bind_text (s->insert_line, 3, nonempty_or_null (line->product_remote_id));
      comptoir_sql_bind_text (s->insert_line, 4, line->name ? line->name : "");
      sqlite3_bind_int64 (s->insert_line, 5, line->quantity);
      sqlite3_bind_int64 (s->insert_line, 6, line->unit_price_cents);
      sqlite3_bind_int64 (s->insert_line, 7, line->total_cents);
      sqlite3_bind_int64 (s->insert_line, 8, line->refunded_cents);
      if (!comptoir_store_step_done (store, s->insert_line, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_one_order (ComptoirStore    *store,
                 OrderStatements  *s,
                 gint64            account_id,
                 ComptoirOrder    *order,
                 gint64            version,
                 const char       *now,
                 gboolean         *changed,
                 GError          **error)
{
  sqlite3_stmt *stmt = s->upsert;
  const char *placed_at = comptoir_order_get_placed_at (order);
  const char *fulfilment = comptoir_order_get_fulfilment (order);
  g_autofree char *version_text = version > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, version) : NULL;
  gint64 id;
  int rc;

  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, account_id);
  comptoir_sql_bind_text (stmt, 2, comptoir_order_get_remote_id (order));
  comptoir_sql_bind_text (stmt, 3, comptoir_order_get_number (order));
  comptoir_sql_bind_text (stmt, 4, comptoir_order_get_status (order));
  comptoir_sql_bind_text (stmt, 5, comptoir_order_get_customer_name (order));
  comptoir_sql_bind_text (stmt, 6, comptoir_order_get_customer_phone (order));
  comptoir_sql_bind_text (stmt, 7, comptoir_order_get_customer_email (order));
  comptoir_sql_bind_text (stmt, 8, *fulfilment ? fulfilment : "collect");
  comptoir_sql_bind_text (stmt, 9, nonempty_or_null (comptoir_order_get_slot_start (order)));
  comptoir_sql_bind_text (stmt, 10, nonempty_or_null (comptoir_order_get_slot_end (order)));
  comptoir_sql_bind_text (stmt, 11, nonempty_or_null (comptoir_order_get_delivery_address (order)));
  comptoir_sql_bind_text (stmt, 12, comptoir_order_get_customer_note (order));
  sqlite3_bind_int64 (stmt, 13, comptoir_order_get_subtotal_cents (order));
  sqlite3_bind_int64 (stmt, 14, comptoir_order_get_delivery_fee_cents (order));
  sqlite3_bind_int64 (stmt, 15, comptoir_order_get_total_cents (order));
  comptoir_sql_bind_text (stmt, 16, version_text);
  comptoir_sql_bind_text (stmt, 17, *placed_at ? placed_at : now);
  comptoir_sql_bind_text (stmt, 18, now);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      *changed = FALSE;
      return TRUE;
    }
  if (rc != SQLITE_ROW)
    {
      comptoir_store_set_error (store, error);
      return FALSE;
    }
  id = sqlite3_column_int64 (stmt, 0);
  if (!comptoir_store_step_done (store, stmt, error))
    return FALSE;
  comptoir_order_set_id (order, id);
  *changed = TRUE;
  return write_order_lines (store, s, id, comptoir_order_get_lines (order), error);
}

/**
 * comptoir_order_write_page:
 * @store: the store
 * @account_id: the platform account the orders came from
 * @orders: (element-type ComptoirOrder): orders as the platform sent them,
 *   each with its lines
 * @versions: (nullable) (array): the platform's version of each order, 0
 *   when unknown
 * @n_changed: (out) (optional): how many orders were new or had changed
 * @error: a #GError
 *
 * Inserts or updates each order and replaces its lines; an order whose
 * stored version is the one sent, or later, is left alone. Must be called inside
 * comptoir_store_transaction().
 */
gboolean
comptoir_order_write_page (ComptoirStore  *store,
                           gint64          account_id,
                           GPtrArray      *orders,
                           const gint64   *versions,
                           guint          *n_changed,
                           GError        **error)
{
  OrderStatements s = { NULL };
  g_autofree char *now = comptoir_now_iso8601 ();
  gboolean ok = TRUE;
  guint changed_count = 0;

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), FALSE);
  g_return_val_if_fail (account_id > 0, FALSE);
  g_return_val_if_fail (orders != NULL, FALSE);

  for (guint i = 0; i < orders->len; i++)
    g_return_val_if_fail (COMPTOIR_IS_ORDER (orders->pdata[i]), FALSE);

  if (orders->len > 0)
    ok = order_statements_prepare (store, &s, error);
  for (guint i = 0; ok && i < orders->len; i++)
    {
      gboolean changed = FALSE;

      ok = write_one_order (store, &s, account_id, orders->pdata[i], versions ? versions[i] : 0,
                            now, &changed, error);
      changed_count += changed ? 1 : 0;
    }
  order_statements_clear (&s);
  if (ok && n_changed != NULL)
    *n_changed = changed_count;
  return ok;
}

static char *
order_ids_json (ComptoirPayout *payout)
{
  const char * const *ids = comptoir_payout_get_order_ids (payout);
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; ids[i] != NULL; i++)
    json_array_add_string_element (array, ids[i]);
  json_node_set_array (node, array);
  return json_to_string (node, FALSE);
}

typedef struct
{
  sqlite3_stmt *upsert;
  sqlite3_stmt *find;
  sqlite3_stmt *drop_orders;
  sqlite3_stmt *add_orders;
} PayoutStatements;

static void
payout_statements_clear (PayoutStatements *s)
{
  g_clear_pointer (&s->upsert, sqlite3_finalize);
  g_clear_pointer (&s->find, sqlite3_finalize);
  g_clear_pointer (&s->drop_orders, sqlite3_finalize);
  g_clear_pointer (&s->add_orders, sqlite3_finalize);
}

static gboolean
payout_statements_prepare (ComptoirStore     *store,
                           PayoutStatements  *s,
                           GError           **error)
{
  /* Payouts carry no version here: a payout counts as changed when any
   * of its fields differs from the stored one. */
  s->upsert = comptoir_store_prepare (store,
                                      "INSERT INTO payouts (account_id, remote_id, period_start, period_end, "
                                      "gross_cents, commission_cents, fees_cents, net_cents, status, "
                                      "bank_reference, updated_at) "
                                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
                                      "ON CONFLICT (account_id, remote_id) DO UPDATE SET "
                                      "period_start = excluded.period_start, period_end = excluded.period_end, "
                                      "gross_cents = excluded.gross_cents, "
                                      "commission_cents = excluded.commission_cents, "
                                      "fees_cents = excluded.fees_cents, net_cents = excluded.net_cents, "
                                      "status = excluded.status, bank_reference = excluded.bank_reference, "
                                      "updated_at = excluded.updated_at "
                                      "WHERE (payouts.period_start, payouts.period_end, payouts.gross_cents, "
                                      "payouts.commission_cents, payouts.fees_cents, payouts.net_cents, "
                                      "payouts.status, payouts.bank_reference) IS NOT "
                                      "(excluded.period_start, excluded.period_end, excluded.gross_cents, "
                                      "excluded.commission_cents, excluded.fees_cents, excluded.net_cents, "
                                      "excluded.status, excluded.bank_reference)",
                                      error);
  if (s->upsert == NULL)
    return FALSE;
  s->find = comptoir_store_prepare (store,
                                    "SELECT id FROM payouts WHERE account_id = ?1 AND remote_id = ?2",
                                    error);
  if (s->find == NULL)
    return FALSE;
  /* The orders a payout pays, as a set: those no longer listed go, new
   * ones come, a repeated id counts once. */
  s->drop_orders = comptoir_store_prepare (store,
                                           "DELETE FROM payout_orders WHERE payout_id = ?1 "
                                           "AND order_remote_id NOT IN (SELECT value FROM json_each (?2))",
                                           error);
  if (s->drop_orders == NULL)
    return FALSE;
  s->add_orders = comptoir_store_prepare (store,
                                          "INSERT OR IGNORE INTO payout_orders (payout_id, order_remote_id) "
                                          "SELECT ?1, value FROM json_each (?2)",
                                          error);
  return s->add_orders != NULL;
}

static gboolean
write_one_payout (ComptoirStore     *store,
                  PayoutStatements  *s,
                  gint64             account_id,
                  ComptoirPayout    *payout,
                  const char        *now,
                  gboolean          *changed,
                  GError           **error)
{
  sqlite3 *db = comptoir_store_get_db (store);
  g_autofree char *ids = order_ids_json (payout);
  gint64 id;
  int rc;

  sqlite3_reset (s->upsert);
  sqlite3_bind_int64 (s->upsert, 1, account_id);
  comptoir_sql_bind_text (s->upsert, 2, comptoir_payout_get_remote_id (payout));
  comptoir_sql_bind_text (s->upsert, 3, comptoir_payout_get_period_start (payout));
  comptoir_sql_bind_text (s->upsert, 4, comptoir_payout_get_period_end (payout));
  sqlite3_bind_int64 (s->upsert, 5, comptoir_payout_get_gross_cents (payout));
  sqlite3_bind_int64 (s->upsert, 6, comptoir_payout_get_commission_cents (payout));
  sqlite3_bind_int64 (s->upsert, 7, comptoir_payout_get_fees_cents (payout));
  sqlite3_bind_int64 (s->upsert, 8, comptoir_payout_get_net_cents (payout));
  comptoir_sql_bind_text (s->upsert, 9, comptoir_payout_get_status (payout));
  comptoir_sql_bind_text (s->upsert, 10, comptoir_payout_get_bank_reference (payout));
  comptoir_sql_bind_text (s->upsert, 11, now);
  if (!comptoir_store_step_done (store, s->upsert, error))
    return FALSE;
  *changed = sqlite3_changes (db) > 0;

  sqlite3_reset (s->find);
  sqlite3_bind_int64 (s->find, 1, account_id);
  comptoir_sql_bind_text (s->find, 2, comptoir_payout_get_remote_id (payout));
  rc = sqlite3_step (s->find);
  if (rc != SQLITE_ROW)
    {
      comptoir_store_set_error (store, error);
      return FALSE;
    }
  id = sqlite3_column_int64 (s->find, 0);
  sqlite3_reset (s->find);
  comptoir_payout_set_id (payout, id);

  sqlite3_reset (s->drop_orders);
  sqlite3_bind_int64 (s->drop_orders, 1, id);
  comptoir_sql_bind_text (s->drop_orders, 2, ids);
  if (!comptoir_store_step_done (store, s->drop_orders, error))
    return FALSE;
  *changed |= sqlite3_changes (db) > 0;

  sqlite3_reset (s->add_orders);
  sqlite3_bind_int64 (s->add_orders, 1, id);
  comptoir_sql_bind_text (s->add_orders, 2, ids);
  if (!comptoir_store_step_done (store, s->add_orders, error))
    return FALSE;
  *changed |= sqlite3_changes (db) > 0;
  return TRUE;
}

/**
 * comptoir_payout_write_page:
 * @store: the store
 * @account_id: the platform account
 * @payouts: (element-type ComptoirPayout): payouts as the platform sent
 *   them, each with its order ids
 * @n_changed: (out) (optional): how many payouts were new or had changed
 * @error: a #GError
 *
 * Inserts or updates each payout, every amount included, and the set of
 * orders it pays. Must be called inside comptoir_store_transaction().
 */
gboolean
comptoir_payout_write_page (ComptoirStore  *store,
                            gint64          account_id,
                            GPtrArray      *payouts,
                            guint          *n_changed,
                            GError        **error)
{
  PayoutStatements s = { NULL };
  g_autofree char *now = comptoir_now_iso8601 ();
  gboolean ok = TRUE;
  guint changed_count = 0;

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), FALSE);
  g_return_val_if_fail (account_id > 0, FALSE);
  g_return_val_if_fail (payouts != NULL, FALSE);

  for (guint i = 0; i < payouts->len; i++)
    g_return_val_if_fail (COMPTOIR_IS_PAYOUT (payouts->pdata[i]), FALSE);

  if (payouts->len > 0)
    ok = payout_statements_prepare (store, &s, error);
  for (guint i = 0; ok && i < payouts->len; i++)
    {
      gboolean changed = FALSE;

      ok = write_one_payout (store, &s, account_id, payouts->pdata[i], now, &changed, error);
      changed_count += changed ? 1 : 0;
    }
  payout_statements_clear (&s);
  if (ok && n_changed != NULL)
    *n_changed = changed_count;
  return ok;
}
