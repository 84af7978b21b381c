// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-order-store"

#include "comptoir-i18n.h"

#include "comptoir-error.h"
#include "comptoir-order-store.h"
#include "comptoir-paged-list-private.h"

#define ORDER_COLUMNS \
  "id, remote_id, number, status, customer_name, customer_phone, customer_email, " \
  "fulfilment, slot_start, slot_end, delivery_address, customer_note, total_cents, placed_at, " \
  "subtotal_cents, delivery_fee_cents"

#define PAYOUT_COLUMNS \
  "id, remote_id, period_start, period_end, gross_cents, commission_cents, fees_cents, " \
  "net_cents, status, bank_reference"

static GObject *
order_from_row (sqlite3_stmt *stmt)
{
  return g_object_new (COMPTOIR_TYPE_ORDER,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "remote-id", comptoir_sql_column_text (stmt, 1),
                       "number", comptoir_sql_column_text (stmt, 2),
                       "status", comptoir_sql_column_text (stmt, 3),
                       "customer-name", comptoir_sql_column_text (stmt, 4),
                       "customer-phone", comptoir_sql_column_text (stmt, 5),
                       "customer-email", comptoir_sql_column_text (stmt, 6),
                       "fulfilment", comptoir_sql_column_text (stmt, 7),
                       "slot-start", comptoir_sql_column_text (stmt, 8),
                       "slot-end", comptoir_sql_column_text (stmt, 9),
                       "delivery-address", comptoir_sql_column_text (stmt, 10),
                       "customer-note", comptoir_sql_column_text (stmt, 11),
                       "total-cents", sqlite3_column_int64 (stmt, 12),
                       "placed-at", comptoir_sql_column_text (stmt, 13),
                       "subtotal-cents", sqlite3_column_int64 (stmt, 14),
                       "delivery-fee-cents", sqlite3_column_int64 (stmt, 15),
                       NULL);
}

static GObject *
payout_from_row (sqlite3_stmt *stmt)
{
  return g_object_new (COMPTOIR_TYPE_PAYOUT,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "remote-id", comptoir_sql_column_text (stmt, 1),
                       "period-start", comptoir_sql_column_text (stmt, 2),
                       "period-end", comptoir_sql_column_text (stmt, 3),
                       "gross-cents", sqlite3_column_int64 (stmt, 4),
                       "commission-cents", sqlite3_column_int64 (stmt, 5),
                       "fees-cents", sqlite3_column_int64 (stmt, 6),
                       "net-cents", sqlite3_column_int64 (stmt, 7),
                       "status", comptoir_sql_column_text (stmt, 8),
                       "bank-reference", comptoir_sql_column_text (stmt, 9),
                       NULL);
}

static const char *
nonempty_or_null (const char *s)
{
  return (s != NULL && *s != '\0') ? s : NULL;
}

static gboolean
read_returned_id (ComptoirStore  *store,
                  sqlite3_stmt   *stmt,
                  gint64         *out_id,
                  GError        **error)
{
  /* RETURNING gives the row's id whether it was inserted or updated;
   * sqlite3_last_insert_rowid() would not on the update path. */
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      comptoir_store_set_error (store, error);
      return FALSE;
    }
  *out_id = sqlite3_column_int64 (stmt, 0);
  return comptoir_store_step_done (store, stmt, error);
}

/* The platform's lines replace the stored ones: a refund or a correction
 * changes them as a whole. */
static gboolean
write_lines (ComptoirStore  *store,
             gint64          order_id,
             GPtrArray      *lines,
             GError        **error)
{
  g_autoptr(sqlite3_stmt) del = NULL;
  g_autoptr(sqlite3_stmt) ins = NULL;

  del = comptoir_store_prepare (store, "DELETE FROM order_lines WHERE order_id = ?", error);
  if (del == NULL)
    return FALSE;
  sqlite3_bind_int64 (del, 1, order_id);
  if (!comptoir_store_step_done (store, del, error))
    return FALSE;

  ins = comptoir_store_prepare (store,
                                "INSERT INTO order_lines (order_id, remote_id, product_remote_id, name, "
                                "quantity, unit_price_cents, total_cents, refunded_cents) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                error);
  if (ins == NULL)
    return FALSE;
  for (guint i = 0; i < lines->len; i++)
    {
      ComptoirOrderLine *line = lines->pdata[i];

      sqlite3_reset (ins);
      sqlite3_bind_int64 (ins, 1, order_id);
      comptoir_sql_bind_text (ins, 2, nonempty_or_null (line->remote_id));
      comptoir_sql_bind_text (ins, 3, nonempty_or_null (line->product_remote_id));
      comptoir_sql_bind_text (ins, 4, line->name ? line->name : "");
      sqlite3_bind_int64 (ins, 5, line->quantity);
      sqlite3_bind_int64 (ins, 6, line->unit_price_cents);
      sqlite3_bind_int64 (ins, 7, line->total_cents);
      sqlite3_bind_int64 (ins, 8, line->refunded_cents);
      if (!comptoir_store_step_done (store, ins, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * comptoir_order_write:
 * @store: the store
 * @account_id: the platform account it came from
 * @order: the order as the platform sent it; its id is set
 * @error: a #GError
 *
 * Inserts the order or updates the one with the same remote id on the same
 * account with everything the platform may have changed. When the order
 * has lines (comptoir_order_set_lines()), they replace the stored ones;
 * %NULL lines leave them alone. Must be called inside
 * comptoir_store_transaction().
 */
gboolean
comptoir_order_write (ComptoirStore  *store,
                      gint64          account_id,
                      ComptoirOrder  *order,
                      GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = comptoir_now_iso8601 ();
  const char *placed_at = comptoir_order_get_placed_at (order);
  const char *fulfilment = comptoir_order_get_fulfilment (order);
  gint64 id = 0;

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), FALSE);
  g_return_val_if_fail (account_id > 0, FALSE);
  g_return_val_if_fail (COMPTOIR_IS_ORDER (order), FALSE);

  stmt = comptoir_store_prepare (store,
                                 "INSERT INTO orders (account_id, remote_id, number, status, "
                                 "customer_name, customer_phone, customer_email, fulfilment, "
                                 "slot_start, slot_end, delivery_address, customer_note, "
                                 "subtotal_cents, delivery_fee_cents, total_cents, placed_at, updated_at, "
                                 "remote_status) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?4) "
                                 "ON CONFLICT (account_id, remote_id) DO UPDATE SET "
                                 "number = excluded.number, remote_status = excluded.status, "
                                 /* a local action waiting to be sent keeps its status,
                                  * but a cancellation by the customer shows at once */
                                 "status = CASE WHEN excluded.status = 'cancelled' THEN excluded.status "
                                 "  WHEN EXISTS (SELECT 1 FROM outbox o WHERE o.state = 'pending' "
                                 "  AND o.account_id = orders.account_id AND o.object_type = 'order' "
                                 "  AND o.object_id = orders.id) THEN orders.status ELSE excluded.status END, "
                                 "customer_name = excluded.customer_name, "
                                 "customer_phone = excluded.customer_phone, "
                                 "customer_email = excluded.customer_email, "
                                 "fulfilment = excluded.fulfilment, slot_start = excluded.slot_start, "
                                 "slot_end = excluded.slot_end, delivery_address = excluded.delivery_address, "
                                 "customer_note = excluded.customer_note, "
                                 "subtotal_cents = excluded.subtotal_cents, "
                                 "delivery_fee_cents = excluded.delivery_fee_cents, "
                                 "total_cents = excluded.total_cents, updated_at = excluded.updated_at "
                                 "RETURNING id",
                                 error);
  if (stmt == NULL)
    return FALSE;

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
  comptoir_sql_bind_text (stmt, 16, *placed_at ? placed_at : now);
  comptoir_sql_bind_text (stmt, 17, now);

  if (!read_returned_id (store, stmt, &id, error))
    return FALSE;
  if (comptoir_order_get_lines (order) != NULL
      && !write_lines (store, id, comptoir_order_get_lines (order), error))
    return FALSE;
  comptoir_order_set_id (order, id);
  return TRUE;
}

/**
 * comptoir_order_load_lines:
 * @store: the store
 * @order: a stored order (its id set)
 * @error: a #GError
 *
 * Reads the order's lines from the store into comptoir_order_get_lines().
 *
 * Returns: %TRUE on success
 */
gboolean
comptoir_order_load_lines (ComptoirStore  *store,
                           ComptoirOrder  *order,
                           GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) comptoir_order_line_free);
  int rc;

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), FALSE);
  g_return_val_if_fail (COMPTOIR_IS_ORDER (order), FALSE);

  stmt = comptoir_store_prepare (store,
                                 "SELECT remote_id, product_remote_id, name, quantity, unit_price_cents, "
                                 "total_cents, refunded_cents FROM order_lines WHERE order_id = ? ORDER BY id",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, comptoir_order_get_id (order));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (lines, comptoir_order_line_new ((const char *) sqlite3_column_text (stmt, 0),
                                                     (const char *) sqlite3_column_text (stmt, 1),
                                                     comptoir_sql_column_text (stmt, 2),
                                                     sqlite3_column_int64 (stmt, 3),
                                                     sqlite3_column_int64 (stmt, 4),
                                                     sqlite3_column_int64 (stmt, 5),
                                                     sqlite3_column_int64 (stmt, 6)));
  if (rc != SQLITE_DONE)
    {
      comptoir_store_set_error (store, error);
      return FALSE;
    }
  comptoir_order_set_lines (order, lines);
  return TRUE;
}

/**
 * comptoir_order_load:
 * @store: the store
 * @order_id: a stored order
 * @error: a #GError
 *
 * Reads one order as it is now, with its lines.
 *
 * Returns: (transfer full) (nullable): the order, %NULL with
 *   %COMPTOIR_ERROR_NOT_FOUND when it is not in the store
 */
ComptoirOrder *
comptoir_order_load (ComptoirStore  *store,
                     gint64          order_id,
                     GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(ComptoirOrder) order = NULL;
  int rc;

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), NULL);

  stmt = comptoir_store_prepare (store, "SELECT " ORDER_COLUMNS " FROM orders WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, order_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_NOT_FOUND,
                             _("This order is no longer in Comptoir."));
      else
        comptoir_store_set_error (store, error);
      return NULL;
    }
  order = COMPTOIR_ORDER (order_from_row (stmt));
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!comptoir_order_load_lines (store, order, error))
    return NULL;
  return g_steal_pointer (&order);
}

/**
 * comptoir_order_list_new:
 * @store: the store
 *
 * Returns: (transfer full): all orders, newest first, paging from the store
 */
GListModel *
comptoir_order_list_new (ComptoirStore *store)
{
  return G_LIST_MODEL (comptoir_paged_list_new (store, COMPTOIR_TYPE_ORDER, ORDER_COLUMNS,
                                                "FROM orders", "placed_at DESC, id",
                                                NULL, order_from_row));
}

/**
 * comptoir_payout_write:
 * @store: the store
 * @account_id: the platform account
 * @payout: the payout as the platform sent it; its id is set
 * @error: a #GError
 *
 * Inserts or updates a payout, every amount included, so that a corrected
 * payout still adds up. Must be called inside comptoir_store_transaction().
 */
gboolean
comptoir_payout_write (ComptoirStore   *store,
                       gint64           account_id,
                       ComptoirPayout  *payout,
                       GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = comptoir_now_iso8601 ();
  gint64 id = 0;

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), FALSE);
  g_return_val_if_fail (account_id > 0, FALSE);
  g_return_val_if_fail (COMPTOIR_IS_PAYOUT (payout), FALSE);

  stmt = comptoir_store_prepare (store,
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
                                 "RETURNING id",
                                 error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, account_id);
  comptoir_sql_bind_text (stmt, 2, comptoir_payout_get_remote_id (payout));
  comptoir_sql_bind_text (stmt, 3, comptoir_payout_get_period_start (payout));
  comptoir_sql_bind_text (stmt, 4, comptoir_payout_get_period_end (payout));
  sqlite3_bind_int64 (stmt, 5, comptoir_payout_get_gross_cents (payout));
  sqlite3_bind_int64 (stmt, 6, comptoir_payout_get_commission_cents (payout));
  sqlite3_bind_int64 (stmt, 7, comptoir_payout_get_fees_cents (payout));
  sqlite3_bind_int64 (stmt, 8, comptoir_payout_get_net_cents (payout));
  comptoir_sql_bind_text (stmt, 9, comptoir_payout_get_status (payout));
  comptoir_sql_bind_text (stmt, 10, comptoir_payout_get_bank_reference (payout));
  comptoir_sql_bind_text (stmt, 11, now);

  if (!read_returned_id (store, stmt, &id, error))
    return FALSE;
  comptoir_payout_set_id (payout, id);
  return TRUE;
}

/**
 * comptoir_payout_list_new:
 * @store: the store
 *
 * Returns: (transfer full): all payouts, latest period first
 */
GListModel *
comptoir_payout_list_new (ComptoirStore *store)
{
  return G_LIST_MODEL (comptoir_paged_list_new (store, COMPTOIR_TYPE_PAYOUT, PAYOUT_COLUMNS,
                                                "FROM payouts", "period_end DESC, id",
                                                NULL, payout_from_row));
}
