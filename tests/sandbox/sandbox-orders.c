// SPDX-License-Identifier: GPL-3.0-or-later
//
// Marketplace orders (placed by simulated customers, prepared by the merchant),
// refunds of order lines, and payouts.

#define G_LOG_DOMAIN "comptoir-sandbox"

#include "sandbox.h"

#include <stdlib.h>
#include <string.h>

static const char * const customer_names[] = { "Martine Dupuy", "Jean-Louis Aubert", "Sophie Lamy",
                                               "Kévin Moreau", "Odette Charvet", "Ahmed Benali", NULL };

static char *
format_time (GDateTime *dt)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (dt);
  g_autofree char *base = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.000000Z", base);
}

static JsonObject *
line_from_product (JsonObject *product,
                   JsonArray  *variant,
                   gint64      quantity,
                   guint       index)
{
  JsonObject *line = json_object_new ();
  JsonArray *variants = json_object_get_array_member (product, "variants");
  gint64 price = json_object_get_int_member (product, "price_cents");
  g_autofree char *id = g_strdup_printf ("ln_%u", index);
  JsonArray *chosen = NULL;

  for (guint i = 0; variants != NULL && i < json_array_get_length (variants); i++)
    {
      JsonObject *var = json_array_get_object_element (variants, i);
      JsonArray *ov = json_object_get_array_member (var, "option_values");
      gboolean same = variant != NULL && json_array_get_length (ov) == json_array_get_length (variant);

      for (guint j = 0; same && j < json_array_get_length (ov); j++)
        same = g_strcmp0 (json_array_get_string_element (ov, j),
                          json_array_get_string_element (variant, j)) == 0;
      if (same || (variant == NULL && i == 0))
        {
          chosen = ov;
          price = json_object_get_int_member (var, "price_cents");
        }
    }

  json_object_set_string_member (line, "id", id);
  json_object_set_string_member (line, "product_id", json_object_get_string_member (product, "id"));
  json_object_set_string_member (line, "name", json_object_get_string_member (product, "name"));
  if (chosen != NULL)
    json_object_set_array_member (line, "variant", json_array_ref (chosen));
  else
    json_object_set_null_member (line, "variant");
  json_object_set_int_member (line, "quantity", quantity);
  json_object_set_string_member (line, "unit", json_object_get_string_member (product, "unit"));
  json_object_set_int_member (line, "unit_price_cents", price);
  json_object_set_int_member (line, "vat_rate", json_object_get_int_member (product, "vat_rate"));
  json_object_set_int_member (line, "total_cents", price * quantity);
  json_object_set_int_member (line, "refunded_quantity", 0);
  return line;
}

static GPtrArray *
all_products (Sandbox    *sb,
              const char *merchant)
{
  GPtrArray *products = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  sqlite3_stmt *stmt = sandbox_db_prepare (sb, "SELECT data FROM objects WHERE scope = ?"
                                               " AND kind = 'product' ORDER BY id");

  sqlite3_bind_text (stmt, 1, merchant, -1, SQLITE_TRANSIENT);
  while (sandbox_db_step (sb, stmt) == SQLITE_ROW)
    {
      JsonObject *p = sandbox_parse_object ((const char *) sqlite3_column_text (stmt, 0));
      if (p != NULL)
        g_ptr_array_add (products, p);
    }
  sqlite3_finalize (stmt);
  return products;
}

/* @spec (all optional): lines [{product_id, quantity, variant}], fulfilment
 * "click_and_collect"|"delivery", customer {name, phone, email}, note, placed_at, state. */
JsonObject *
sandbox_order_create (Sandbox     *sb,
                      const char  *merchant,
                      JsonObject  *spec,
                      GError     **error)
{
  g_autoptr(GPtrArray) products = all_products (sb, merchant);
  g_autoptr(JsonObject) shop = sandbox_obj_load (sb, merchant, "shop", merchant);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) placed = NULL;
  JsonArray *spec_lines = spec && json_object_has_member (spec, "lines")
                          ? json_object_get_array_member (spec, "lines") : NULL;
  JsonArray *lines = json_array_new ();
  JsonObject *order = json_object_new ();
  JsonObject *customer, *fulfilment, *totals;
  const char *kind = spec && json_object_has_member (spec, "fulfilment")
                     ? json_object_get_string_member (spec, "fulfilment") : NULL;
  const char *state = spec && json_object_has_member (spec, "state")
                      ? json_object_get_string_member (spec, "state") : "new";
  static const char * const states[] = { "new", "accepted", "ready", "completed", "rejected",
                                         "cancelled", NULL };
  g_autofree char *id = sandbox_new_id (sb, "ord");
  g_autofree char *number = NULL;
  g_autofree char *placed_at = NULL;
  g_autofree char *seq_s = sandbox_db_get_setting (sb, "order_seq");
  g_autofree char *next_seq = NULL;
  gint64 subtotal = 0, fee = 0;
  guint seq = seq_s ? atoi (seq_s) + 1 : 1;

  if (state == NULL || !g_strv_contains (states, state))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "Unknown state");
      goto fail;
    }
  for (guint i = 0; spec_lines != NULL && i < json_array_get_length (spec_lines); i++)
    {
      JsonObject *sl = json_array_get_object_element (spec_lines, i);
      const char *pid = sl ? json_object_get_string_member_with_default (sl, "product_id", NULL) : NULL;
      g_autoptr(JsonObject) product = pid ? sandbox_obj_load (sb, merchant, "product", pid) : NULL;
      gint64 qty = sl ? json_object_get_int_member_with_default (sl, "quantity", 1) : 1;
      JsonArray *variant = sl && json_object_has_member (sl, "variant")
                           && !json_object_get_null_member (sl, "variant")
                           ? json_object_get_array_member (sl, "variant") : NULL;

      if (product == NULL || qty < 1 || qty > 1000)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "lines[%u]: unknown product_id or quantity out of 1..1000", i);
          goto fail;
        }
      json_array_add_object_element (lines, line_from_product (product, variant, qty, i + 1));
    }
  if (spec_lines == NULL || json_array_get_length (spec_lines) == 0)
    {
      guint n = products->len == 0 ? 0 : g_rand_int_range (sb->rand, 1, MIN (3, products->len) + 1);
      guint start = products->len ? g_rand_int_range (sb->rand, 0, products->len) : 0;

      for (guint i = 0; i < n; i++)
        json_array_add_object_element (lines, line_from_product (products->pdata[(start + i) % products->len],
                                                                 NULL, g_rand_int_range (sb->rand, 1, 4), i + 1));
      if (n == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "The shop has no products; give lines or create a product first");
          goto fail;
        }
    }
  for (guint i = 0; i < json_array_get_length (lines); i++)
    subtotal += json_object_get_int_member (json_array_get_object_element (lines, i), "total_cents");

  if (spec && json_object_has_member (spec, "placed_at"))
    placed = g_date_time_new_from_iso8601 (json_object_get_string_member (spec, "placed_at"), NULL);
  if (placed == NULL)
    placed = g_date_time_ref (now);
  placed_at = format_time (placed);

  customer = spec && json_object_has_member (spec, "customer")
             ? json_object_ref (json_object_get_object_member (spec, "customer")) : NULL;
  if (customer == NULL)
    {
      const char *name = customer_names[g_rand_int_range (sb->rand, 0, G_N_ELEMENTS (customer_names) - 1)];
      customer = json_object_new ();
      json_object_set_string_member (customer, "name", name);
      json_object_set_string_member (customer, "phone", "+33 6 12 34 56 78");
      json_object_set_string_member (customer, "email", "client@example.org");
    }

  fulfilment = json_object_new ();
  if (g_strcmp0 (kind, "delivery") == 0)
    {
      JsonObject *address = json_object_new ();
      JsonObject *delivery = shop ? json_object_get_object_member (shop, "delivery") : NULL;

      fee = delivery ? json_object_get_int_member_with_default (delivery, "fee_cents", 300) : 300;
      json_object_set_string_member (address, "street", "5 route des Châtaigniers");
      json_object_set_string_member (address, "postal_code", "23200");
      json_object_set_string_member (address, "city", "Saint-Alpinien");
      json_object_set_string_member (address, "country", "FR");
      json_object_set_string_member (fulfilment, "type", "delivery");
      json_object_set_object_member (fulfilment, "address", address);
      json_object_set_null_member (fulfilment, "slot");
    }
  else
    {
      JsonObject *slot = json_object_new ();
      g_autoptr(GDateTime) day = g_date_time_add_days (placed, 1);
      g_autoptr(GDateTime) start = g_date_time_new_utc (g_date_time_get_year (day), g_date_time_get_month (day),
                                                        g_date_time_get_day_of_month (day), 9, 0, 0);
      g_autoptr(GDateTime) end = g_date_time_add_minutes (start, 30);
      g_autofree char *s = format_time (start);
      g_autofree char *e = format_time (end);

      json_object_set_string_member (slot, "start", s);
      json_object_set_string_member (slot, "end", e);
      json_object_set_string_member (fulfilment, "type", "click_and_collect");
      json_object_set_object_member (fulfilment, "slot", slot);
    }

  totals = json_object_new ();
  json_object_set_int_member (totals, "subtotal_cents", subtotal);
  json_object_set_int_member (totals, "delivery_fee_cents", fee);
  json_object_set_int_member (totals, "refunded_cents", 0);
  json_object_set_int_member (totals, "total_cents", subtotal + fee);

  next_seq = g_strdup_printf ("%u", seq);
  sandbox_db_set_setting (sb, "order_seq", next_seq);
  number = g_strdup_printf ("SBX-%04u", seq);
  json_object_set_string_member (order, "id", id);
  json_object_set_string_member (order, "number", number);
  json_object_set_string_member (order, "state", state);
  json_object_set_string_member (order, "placed_at", placed_at);
  if (strcmp (state, "rejected") == 0)
    json_object_set_string_member (order, "rejection_reason", "Rupture de stock.");
  else
    json_object_set_null_member (order, "rejection_reason");
  if (strcmp (state, "cancelled") == 0)
    json_object_set_string_member (order, "cancellation_reason", "Empêchement.");
  else
    json_object_set_null_member (order, "cancellation_reason");
  json_object_set_object_member (order, "customer", customer);
  json_object_set_object_member (order, "fulfilment", fulfilment);
  if (spec && json_object_has_member (spec, "note"))
    json_object_set_member (order, "note", json_node_copy (json_object_get_member (spec, "note")));
  else
    json_object_set_null_member (order, "note");
  json_object_set_array_member (order, "lines", lines);
  json_object_set_object_member (order, "totals", totals);
  json_object_set_array_member (order, "refunds", json_array_new ());
  json_object_set_null_member (order, "payout_id");
  json_object_set_string_member (order, "created_at", placed_at);
  sandbox_obj_save (sb, merchant, "order", order);
  return order;

fail:
  json_array_unref (lines);
  json_object_unref (order);
  return NULL;
}

JsonObject *
sandbox_order_cancel (Sandbox     *sb,
                      const char  *merchant,
                      const char  *id,
                      const char  *reason,
                      GError     **error)
{
  g_autoptr(JsonObject) order = sandbox_obj_load (sb, merchant, "order", id);
  const char *state;

  if (order == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No such order");
      return NULL;
    }
  state = json_object_get_string_member (order, "state");
  if (strcmp (state, "new") != 0 && strcmp (state, "accepted") != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "An order in state \"%s\" cannot be cancelled by the customer", state);
      return NULL;
    }
  json_object_set_string_member (order, "state", "cancelled");
  if (reason != NULL)
    json_object_set_string_member (order, "cancellation_reason", reason);
  sandbox_obj_save (sb, merchant, "order", order);
  return g_steal_pointer (&order);
}

static void
order_transition (SandboxReq *req,
                  JsonObject *order,
                  const char *action)
{
  static const struct { const char *action, *from, *to; } moves[] = {
    { "accept", "new", "accepted" },
    { "ready", "accepted", "ready" },
    { "complete", "ready", "completed" },
    { "reject", "new", "rejected" },
  };
  const char *state = json_object_get_string_member (order, "state");
  g_autoptr(JsonObject) body = NULL;
  const char *reason = NULL;

  if (!sandbox_check_if_match (req, order))
    return;
  if (strcmp (action, "reject") == 0)
    {
      Validator v;

      if ((body = sandbox_read_body (req)) == NULL)
        return;
      validator_init (&v);
      reason = v_string (&v, body, "reason", TRUE, FALSE, 1, 500);
      if (validator_failed (&v))
        {
          sandbox_problem_fields (req, json_array_ref (v.errors));
          validator_clear (&v);
          return;
        }
      validator_clear (&v);
    }
  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    {
      if (strcmp (moves[i].action, action) != 0)
        continue;
      if (strcmp (moves[i].from, state) != 0)
        {
          g_autofree char *detail = g_strdup_printf ("An order in state \"%s\" cannot be %s.", state,
                                                     strcmp (action, "ready") == 0 ? "marked ready"
                                                     : strcmp (action, "accept") == 0 ? "accepted"
                                                     : strcmp (action, "reject") == 0 ? "rejected"
                                                     : "completed");
          sandbox_problem (req, 409, "invalid-transition", "Invalid state transition", detail);
          return;
        }
      json_object_set_string_member (order, "state", moves[i].to);
      if (reason != NULL)
        json_object_set_string_member (order, "rejection_reason", reason);
      sandbox_obj_save (req->sb, req->scope, "order", order);
      sandbox_respond_object (req, SOUP_STATUS_OK, NULL, order, NULL);
      return;
    }
  sandbox_problem (req, 404, "not-found", "Not found", "No such order action.");
}

static void
order_refund (SandboxReq *req,
              JsonObject *order)
{
  const char *state = json_object_get_string_member (order, "state");
  JsonArray *order_lines = json_object_get_array_member (order, "lines");
  JsonObject *totals = json_object_get_object_member (order, "totals");
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *now = NULL;
  g_autofree char *refund_id = NULL;
  JsonArray *lines, *refund_lines;
  JsonObject *refund;
  const char *reason;
  gint64 amount = 0;
  Validator v;

  if (!sandbox_check_if_match (req, order))
    return;
  if ((body = sandbox_read_body (req)) == NULL)
    return;
  validator_init (&v);
  lines = v_array (&v, body, "lines", TRUE, 200);
  reason = v_string (&v, body, "reason", FALSE, TRUE, 0, 500);
  if (lines != NULL && json_array_get_length (lines) == 0)
    validator_add (&v, "lines", "required", "must have at least one line");
  for (guint i = 0; lines != NULL && i < json_array_get_length (lines); i++)
    {
      JsonNode *node = json_array_get_element (lines, i);
      g_autofree char *p = v_index ("lines", i);
      const char *line_id;
      gint64 qty = 0;
      JsonObject *target = NULL;

      g_string_assign (v.path, p);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          validator_add (&v, "", "invalid_type", "must be an object");
          continue;
        }
      line_id = v_string (&v, json_node_get_object (node), "line_id", TRUE, FALSE, 1, 64);
      v_int (&v, json_node_get_object (node), "quantity", TRUE, FALSE, 1, G_MAXINT32, &qty, NULL);
      for (guint j = 0; line_id != NULL && j < json_array_get_length (order_lines); j++)
        if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (order_lines, j), "id"), line_id) == 0)
          target = json_array_get_object_element (order_lines, j);
      if (line_id != NULL && target == NULL)
        validator_add (&v, "line_id", "unknown_reference", "is not a line of this order");
      else if (line_id != NULL && !g_hash_table_add (seen, (gpointer) line_id))
        validator_add (&v, "line_id", "duplicate", "appears twice");
      else if (target != NULL && qty > json_object_get_int_member (target, "quantity")
                                         - json_object_get_int_member (target, "refunded_quantity"))
        validator_add (&v, "quantity", "out_of_range", "is more than what is left to refund on this line");
    }
  g_string_truncate (v.path, 0);
  if (validator_failed (&v))
    {
      sandbox_problem_fields (req, json_array_ref (v.errors));
      validator_clear (&v);
      return;
    }
  validator_clear (&v);

  if (strcmp (state, "accepted") != 0 && strcmp (state, "ready") != 0 && strcmp (state, "completed") != 0)
    {
      g_autofree char *detail = g_strdup_printf ("An order in state \"%s\" cannot be refunded.", state);
      sandbox_problem (req, 409, "invalid-transition", "Invalid state transition", detail);
      return;
    }

  refund_lines = json_array_new ();
  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      JsonObject *rl = json_array_get_object_element (lines, i);
      const char *line_id = json_object_get_string_member (rl, "line_id");
      gint64 qty = json_object_get_int_member (rl, "quantity");
      JsonObject *out = json_object_new ();

      for (guint j = 0; j < json_array_get_length (order_lines); j++)
        {
          JsonObject *ol = json_array_get_object_element (order_lines, j);
          if (strcmp (json_object_get_string_member (ol, "id"), line_id) != 0)
            continue;
          json_object_set_int_member (ol, "refunded_quantity",
                                      json_object_get_int_member (ol, "refunded_quantity") + qty);
          json_object_set_string_member (out, "line_id", line_id);
          json_object_set_int_member (out, "quantity", qty);
          json_object_set_int_member (out, "amount_cents", qty * json_object_get_int_member (ol, "unit_price_cents"));
          amount += qty * json_object_get_int_member (ol, "unit_price_cents");
        }
      json_array_add_object_element (refund_lines, out);
    }
  now = sandbox_now (req->sb);
  refund_id = sandbox_new_id (req->sb, "rfd");
  refund = json_object_new ();
  json_object_set_string_member (refund, "id", refund_id);
  json_object_set_string_member (refund, "created_at", now);
  if (reason != NULL)
    json_object_set_string_member (refund, "reason", reason);
  else
    json_object_set_null_member (refund, "reason");
  json_object_set_int_member (refund, "amount_cents", amount);
  json_object_set_array_member (refund, "lines", refund_lines);
  json_array_add_object_element (json_object_get_array_member (order, "refunds"), refund);
  json_object_set_int_member (totals, "refunded_cents", json_object_get_int_member (totals, "refunded_cents") + amount);
  json_object_set_int_member (totals, "total_cents", json_object_get_int_member (totals, "total_cents") - amount);
  sandbox_obj_save (req->sb, req->scope, "order", order);
  sandbox_respond_object (req, SOUP_STATUS_CREATED, NULL, order, NULL);
}

void
sandbox_orders_route (SandboxReq *req,
                      const char *id,
                      const char *action)
{
  g_autoptr(JsonObject) order = NULL;

  if (id == NULL)
    {
      if (strcmp (req->method, "GET") == 0)
        sandbox_list (req, "order", req->query ? g_hash_table_lookup (req->query, "state") : NULL);
      else
        sandbox_problem (req, 405, "method-not-allowed", "Method not allowed", "Use GET.");
      return;
    }
  order = sandbox_obj_load (req->sb, req->scope, "order", id);
  if (order == NULL)
    sandbox_problem (req, 404, "not-found", "Not found", "No such order.");
  else if (action == NULL && strcmp (req->method, "GET") == 0)
    sandbox_respond_object (req, SOUP_STATUS_OK, NULL, order, NULL);
  else if (action != NULL && strcmp (req->method, "POST") == 0 && strcmp (action, "refunds") == 0)
    order_refund (req, order);
  else if (action != NULL && strcmp (req->method, "POST") == 0)
    order_transition (req, order, action);
  else
    sandbox_problem (req, 405, "method-not-allowed", "Method not allowed", NULL);
}

/* Groups the completed orders not yet paid out into one payout. NULL when none. */
JsonObject *
sandbox_payout_run (Sandbox    *sb,
                    const char *merchant,
                    const char *status)
{
  sqlite3_stmt *stmt;
  g_autoptr(GPtrArray) orders = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *id = sandbox_new_id (sb, "pay");
  g_autofree char *now = sandbox_now (sb);
  g_autofree char *first = NULL, *last = NULL;
  JsonObject *payout;
  JsonArray *ids = json_array_new ();
  gint64 gross = 0, commission, fees;

  stmt = sandbox_db_prepare (sb, "SELECT data FROM objects WHERE scope = ? AND kind = 'order'"
                                 " AND json_extract(data, '$.state') = 'completed'"
                                 " AND json_extract(data, '$.payout_id') IS NULL"
                                 " ORDER BY json_extract(data, '$.placed_at')");
  sqlite3_bind_text (stmt, 1, merchant, -1, SQLITE_TRANSIENT);
  while (sandbox_db_step (sb, stmt) == SQLITE_ROW)
    g_ptr_array_add (orders, sandbox_parse_object ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  if (orders->len == 0)
    {
      json_array_unref (ids);
      return NULL;
    }

  for (guint i = 0; i < orders->len; i++)
    {
      JsonObject *o = orders->pdata[i];
      const char *placed = json_object_get_string_member (o, "placed_at");

      gross += json_object_get_int_member (json_object_get_object_member (o, "totals"), "total_cents");
      json_array_add_string_element (ids, json_object_get_string_member (o, "id"));
      if (first == NULL)
        first = g_strndup (placed, 10);
      g_free (last);
      last = g_strndup (placed, 10);
      json_object_set_string_member (o, "payout_id", id);
      sandbox_obj_save (sb, merchant, "order", o);
    }
  commission = (gross * SANDBOX_COMMISSION_RATE + 5000) / 10000;
  fees = SANDBOX_FEE_PER_ORDER * (gint64) orders->len;

  payout = json_object_new ();
  json_object_set_string_member (payout, "id", id);
  json_object_set_string_member (payout, "period_start", first);
  json_object_set_string_member (payout, "period_end", last);
  json_object_set_int_member (payout, "gross_cents", gross);
  json_object_set_int_member (payout, "commission_cents", commission);
  json_object_set_int_member (payout, "fees_cents", fees);
  json_object_set_int_member (payout, "net_cents", gross - commission - fees);
  json_object_set_string_member (payout, "status", status ? status : "paid");
  if (g_strcmp0 (status ? status : "paid", "paid") == 0)
    {
      g_autofree char *ref = g_strdup_printf ("SBX-VIR-%s", id + 4);
      json_object_set_string_member (payout, "paid_at", now);
      json_object_set_string_member (payout, "bank_reference", ref);
    }
  else
    {
      json_object_set_null_member (payout, "paid_at");
      json_object_set_null_member (payout, "bank_reference");
    }
  json_object_set_array_member (payout, "order_ids", ids);
  sandbox_obj_save (sb, merchant, "payout", payout);
  return payout;
}

void
sandbox_payouts_route (SandboxReq *req,
                       const char *id)
{
  g_autoptr(JsonObject) payout = NULL;

  if (strcmp (req->method, "GET") != 0)
    sandbox_problem (req, 405, "method-not-allowed", "Method not allowed", "Use GET.");
  else if (id == NULL)
    sandbox_list (req, "payout", NULL);
  else if ((payout = sandbox_obj_load (req->sb, req->scope, "payout", id)) == NULL)
    sandbox_problem (req, 404, "not-found", "Not found", "No such payout.");
  else
    sandbox_respond_object (req, SOUP_STATUS_OK, NULL, payout, NULL);
}
