// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-order-actions"

/* The merchant's actions on orders, applied locally at once and queued in
 * the outbox for the platform (docs/api/marketplace.yaml: new → accepted →
 * ready → completed, or new → rejected). */

#include "comptoir-i18n.h"

#include <string.h>

#include "comptoir-error.h"
#include "comptoir-format.h"
#include "comptoir-order-actions.h"
#include "comptoir-store-private.h"

typedef struct
{
  const char *action;
  const char *from;
  const char *to;
} Transition;

static const Transition transitions[] = {
  { "accept", "new", "accepted" },
  { "reject", "new", "rejected" },
  { "ready", "accepted", "ready" },
  { "complete", "ready", "completed" },
};

static const Transition *
find_transition (const char *action)
{
  for (guint i = 0; i < G_N_ELEMENTS (transitions); i++)
    if (g_strcmp0 (transitions[i].action, action) == 0)
      return &transitions[i];
  return NULL;
}

/**
 * comptoir_order_action_get_status:
 * @action: "accept", "reject", "ready" or "complete"
 *
 * Returns: (nullable): the status an order has after @action, %NULL for
 *   an unknown action
 */
const char *
comptoir_order_action_get_status (const char *action)
{
  const Transition *transition = find_transition (action);

  return transition != NULL ? transition->to : NULL;
}

/**
 * comptoir_order_action_allowed:
 * @status: an order's status
 * @action: an action
 *
 * Returns: whether the merchant may do @action on an order in @status
 */
gboolean
comptoir_order_action_allowed (const char *status,
                               const char *action)
{
  const Transition *transition = find_transition (action);

  return transition != NULL && g_strcmp0 (transition->from, status) == 0;
}

static void
set_not_allowed (GError     **error,
                 const char  *action,
                 const char  *status)
{
  const char *label = comptoir_order_status_label (status);

  if (g_str_equal (action, "accept"))
    g_set_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                 _("This order is “%s”: only a new order can be accepted."), label);
  else if (g_str_equal (action, "reject"))
    g_set_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                 _("This order is “%s”: only a new order can be refused."), label);
  else if (g_str_equal (action, "ready"))
    g_set_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                 _("This order is “%s”: only an accepted order can be marked ready."), label);
  else
    g_set_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                 _("This order is “%s”: only a ready order can be handed over."), label);
}

typedef struct
{
  gint64      order_id;
  const char *action;
  char       *reason;
} ActData;

static gboolean
act_tx (ComptoirStore  *store,
        gpointer        user_data,
        GError        **error)
{
  ActData *data = user_data;
  const Transition *transition = find_transition (data->action);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *now = comptoir_now_iso8601 ();
  g_autofree char *status = NULL;

  stmt = comptoir_store_prepare (store, "SELECT account_id, status FROM orders WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, data->order_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_NOT_FOUND,
                           _("This order is no longer in Comptoir."));
      return FALSE;
    }
  status = g_strdup (comptoir_sql_column_text (stmt, 1));
  if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_NOT_FOUND,
                           _("This order’s marketplace account was removed: "
                             "connect the account again to prepare it."));
      return FALSE;
    }
  if (!comptoir_order_action_allowed (status, data->action))
    {
      set_not_allowed (error, data->action, status);
      return FALSE;
    }

  /* The platform's status is kept apart the first time the merchant acts
   * (orders written before carry none). */
  update = comptoir_store_prepare (store,
                                   "UPDATE orders SET remote_status = coalesce (remote_status, status),"
                                   " status = ?2, reject_reason = ?3, updated_at = ?4 WHERE id = ?1",
                                   error);
  if (update == NULL)
    return FALSE;
  sqlite3_bind_int64 (update, 1, data->order_id);
  comptoir_sql_bind_text (update, 2, transition->to);
  comptoir_sql_bind_text (update, 3, data->reason);
  comptoir_sql_bind_text (update, 4, now);
  if (!comptoir_store_step_done (store, update, error))
    return FALSE;

  /* The action and its reason are the merchant's: frozen now. The version
   * it is based on is the one the merchant saw, unless an earlier action
   * on the order still waits: then it is the version that one brings back,
   * known at the first attempt. Never merged with another entry (rule 3):
   * accepting then marking ready are two transitions. */
  insert = comptoir_store_prepare (store,
                                   "INSERT INTO outbox (account_id, object_type, object_id, operation, payload,"
                                   " idempotency_key, base_version, created_at)"
                                   " SELECT o.account_id, 'order', o.id, 'transition',"
                                   "   json_object ('action', ?2, 'reason', ?3), comptoir_outbox_key (),"
                                   "   CASE WHEN EXISTS (SELECT 1 FROM outbox e WHERE e.state = 'pending'"
                                   "     AND e.account_id = o.account_id AND e.object_type = 'order' AND e.object_id = o.id)"
                                   "   THEN NULL ELSE o.remote_version END, ?4"
                                   " FROM orders o WHERE o.id = ?1",
                                   error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_int64 (insert, 1, data->order_id);
  comptoir_sql_bind_text (insert, 2, data->action);
  comptoir_sql_bind_text (insert, 3, data->reason);
  comptoir_sql_bind_text (insert, 4, now);
  return comptoir_store_step_done (store, insert, error);
}

/**
 * comptoir_order_act:
 * @store: the store
 * @order_id: a stored order from a platform
 * @action: "accept", "reject", "ready" (prepared) or "complete" (handed
 *   over)
 * @reason: (nullable): why, for "reject" (required then, shown to the
 *   customer); ignored otherwise
 * @error: a #GError
 *
 * Does @action on the order: its new status is in the store when this
 * returns, with an outbox entry that sends the action to the platform (in
 * order after the order's earlier actions), in the same transaction.
 *
 * Returns: %FALSE, with a message for the merchant, when @action is not
 *   possible from the order's status or the reason is missing
 */
gboolean
comptoir_order_act (ComptoirStore  *store,
                    gint64          order_id,
                    const char     *action,
                    const char     *reason,
                    GError        **error)
{
  ActData data = { order_id, action, NULL };
  gboolean ok;

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  if (find_transition (action) == NULL)
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                           _("Comptoir cannot do this with an order."));
      return FALSE;
    }
  if (g_str_equal (action, "reject"))
    {
      data.reason = g_strstrip (g_strdup (reason != NULL ? reason : ""));
      if (*data.reason == '\0' || !g_utf8_validate (data.reason, -1, NULL))
        {
          g_free (data.reason);
          g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                               _("Say why you refuse this order: the customer will read it."));
          return FALSE;
        }
      if (g_utf8_strlen (data.reason, -1) > COMPTOIR_ORDER_REASON_MAX)
        {
          g_free (data.reason);
          g_set_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                       _("The reason is too long: keep it under %d characters."), COMPTOIR_ORDER_REASON_MAX);
          return FALSE;
        }
    }
  ok = comptoir_store_transaction (store, act_tx, &data, error);
  g_free (data.reason);
  return ok;
}

/**
 * comptoir_order_get_sync_state:
 * @store: the store
 * @order_id: a stored order
 * @state: (out): where the merchant's last action on it stands
 * @message: (out) (optional) (nullable): with a refusal or a conflict,
 *   what to tell the merchant (already translated)
 * @error: a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
comptoir_order_get_sync_state (ComptoirStore           *store,
                               gint64                   order_id,
                               ComptoirOrderSyncState  *state,
                               char                   **message,
                               GError                 **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  *state = COMPTOIR_ORDER_SYNC_NONE;
  if (message != NULL)
    *message = NULL;
  stmt = comptoir_store_prepare (store,
                                 "SELECT state, json_extract (payload, '$.conflict') IS NOT NULL, last_error"
                                 " FROM outbox WHERE object_type = 'order' AND object_id = ?1"
                                 " ORDER BY id DESC LIMIT 1",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    {
      comptoir_store_set_error (store, error);
      return FALSE;
    }
  if (g_strcmp0 (comptoir_sql_column_text (stmt, 0), "pending") == 0)
    {
      *state = COMPTOIR_ORDER_SYNC_PENDING;
      /* why the last attempt did not go through, if there was one */
      if (message != NULL)
        *message = g_strdup (comptoir_sql_column_text (stmt, 2));
    }
  else if (g_strcmp0 (comptoir_sql_column_text (stmt, 0), "done") == 0)
    *state = COMPTOIR_ORDER_SYNC_SENT;
  else
    {
      *state = sqlite3_column_int (stmt, 1) ? COMPTOIR_ORDER_SYNC_CONFLICT : COMPTOIR_ORDER_SYNC_FAILED;
      if (message != NULL)
        *message = g_strdup (comptoir_sql_column_text (stmt, 2));
    }
  return TRUE;
}
