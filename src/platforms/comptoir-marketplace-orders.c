// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-marketplace"

/* The marketplace's orders (with their refunds) and payouts. */

#include <string.h>

#include "comptoir-marketplace-private.h"
#include "comptoir-variant.h"

/* Parsing what the marketplace sends */

static const char * const order_states[] = { "new", "accepted", "ready", "completed", "rejected", "cancelled", NULL };

/* What was refunded of each line (line id → gint64 cents), summed over the
 * order's refunds. */
static GHashTable *
refunded_by_line (JsonArray  *refunds,
                  GError    **error)
{
  g_autoptr(GHashTable) table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; refunds != NULL && i < json_array_get_length (refunds); i++)
    {
      JsonObject *refund = comptoir_json_array_object (refunds, i, "refunds", error);
      JsonArray *lines;

      if (refund == NULL
          || !comptoir_json_get_array (refund, "lines", COMPTOIR_JSON_REQUIRED, 1000, &lines, error))
        return NULL;
      for (guint j = 0; j < json_array_get_length (lines); j++)
        {
          JsonObject *line = comptoir_json_array_object (lines, j, "refunds", error);
          const char *line_id;
          gint64 amount, *sum;

          if (line == NULL
              || !comptoir_json_get_string (line, "line_id", COMPTOIR_JSON_REQUIRED, MAX_ID, &line_id, error)
              || !comptoir_json_get_int (line, "amount_cents", COMPTOIR_JSON_REQUIRED, 0, MAX_MONEY, &amount, error))
            return NULL;
          if ((sum = g_hash_table_lookup (table, line_id)) == NULL)
            {
              sum = g_new0 (gint64, 1);
              g_hash_table_insert (table, g_strdup (line_id), sum);
            }
          *sum = MIN (*sum + amount, MAX_MONEY);
        }
    }
  return g_steal_pointer (&table);
}

/* The merchant prepares "T-shirt (M, rouge)", not just "T-shirt". */
static char *
line_name_with_variant (const char  *name,
                        JsonArray   *variant,
                        GError     **error)
{
  g_autoptr(GString) text = g_string_new (name);

  for (guint i = 0; variant != NULL && i < json_array_get_length (variant); i++)
    {
      JsonNode *node = json_array_get_element (variant, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING
          || strlen (json_node_get_string (node)) > 40)
        {
          comptoir_json_set_protocol_error (error, "variant");
          return NULL;
        }
      g_string_append (text, i == 0 ? " (" : ", ");
      g_string_append (text, json_node_get_string (node));
      if (i + 1 == json_array_get_length (variant))
        g_string_append_c (text, ')');
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static ComptoirOrder *
parse_order (JsonObject  *object,
             GError     **error)
{
  static const char * const fulfilment_types[] = { "click_and_collect", "delivery", NULL };
  g_autoptr(ComptoirOrder) order = comptoir_order_new ();
  JsonObject *customer, *fulfilment, *totals, *slot = NULL, *address = NULL;
  JsonArray *lines, *refunds = NULL;
  const char *id, *number, *state, *placed_at, *name, *phone, *email, *type, *note;
  gint64 total, subtotal = 0, fee = 0;
  g_autoptr(GHashTable) refunded = NULL;
  g_autoptr(GPtrArray) parsed_lines = NULL;

  if (!comptoir_json_get_string (object, "id", COMPTOIR_JSON_REQUIRED, MAX_ID, &id, error)
      || !comptoir_json_get_string (object, "number", COMPTOIR_JSON_REQUIRED, 32, &number, error)
      || !comptoir_json_get_enum (object, "state", COMPTOIR_JSON_REQUIRED, order_states, &state, error)
      || !comptoir_json_get_string (object, "placed_at", COMPTOIR_JSON_REQUIRED, 64, &placed_at, error)
      || !comptoir_json_get_object (object, "customer", COMPTOIR_JSON_REQUIRED, &customer, error)
      || !comptoir_json_get_string (customer, "name", COMPTOIR_JSON_REQUIRED, 120, &name, error)
      || !comptoir_json_get_string (customer, "phone", COMPTOIR_JSON_OPTIONAL, 30, &phone, error)
      || !comptoir_json_get_string (customer, "email", COMPTOIR_JSON_OPTIONAL, 254, &email, error)
      || !comptoir_json_get_object (object, "fulfilment", COMPTOIR_JSON_REQUIRED, &fulfilment, error)
      || !comptoir_json_get_enum (fulfilment, "type", COMPTOIR_JSON_REQUIRED, fulfilment_types, &type, error)
      || !comptoir_json_get_object (fulfilment, "slot", COMPTOIR_JSON_OPTIONAL | COMPTOIR_JSON_NULLABLE, &slot, error)
      || !comptoir_json_get_object (fulfilment, "address", COMPTOIR_JSON_OPTIONAL, &address, error)
      || !comptoir_json_get_string (object, "note", COMPTOIR_JSON_OPTIONAL, 1000, &note, error)
      || !comptoir_json_get_array (object, "lines", COMPTOIR_JSON_REQUIRED, 1000, &lines, error)
      || !comptoir_json_get_object (object, "totals", COMPTOIR_JSON_REQUIRED, &totals, error)
      || !comptoir_json_get_int (totals, "total_cents", COMPTOIR_JSON_REQUIRED, 0, MAX_MONEY, &total, error))
    return NULL;

  if (slot != NULL)
    {
      const char *start, *end;

      if (!comptoir_json_get_string (slot, "start", COMPTOIR_JSON_REQUIRED, 64, &start, error)
          || !comptoir_json_get_string (slot, "end", COMPTOIR_JSON_REQUIRED, 64, &end, error))
        return NULL;
      comptoir_order_set_slot_start (order, start);
      comptoir_order_set_slot_end (order, end);
    }
  if (address != NULL)
    {
      const char *street, *postcode, *city;
      g_autofree char *text = NULL;

      if (!comptoir_json_get_string (address, "street", COMPTOIR_JSON_REQUIRED, 200, &street, error)
          || !comptoir_json_get_string (address, "postal_code", COMPTOIR_JSON_REQUIRED, 10, &postcode, error)
          || !comptoir_json_get_string (address, "city", COMPTOIR_JSON_REQUIRED, 100, &city, error))
        return NULL;
      text = g_strdup_printf ("%s\n%s %s", street, postcode, city);
      comptoir_order_set_delivery_address (order, text);
    }
  if (!comptoir_json_get_array (object, "refunds", COMPTOIR_JSON_OPTIONAL, 1000, &refunds, error)
      || !comptoir_json_get_int (totals, "subtotal_cents", COMPTOIR_JSON_OPTIONAL, 0, MAX_MONEY, &subtotal, error)
      || !comptoir_json_get_int (totals, "delivery_fee_cents", COMPTOIR_JSON_OPTIONAL, 0, MAX_MONEY, &fee, error))
    return NULL;
  if (!(refunded = refunded_by_line (refunds, error)))
    return NULL;
  parsed_lines = g_ptr_array_new_with_free_func ((GDestroyNotify) comptoir_order_line_free);
  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      JsonObject *line = comptoir_json_array_object (lines, i, "lines", error);
      const char *line_id, *line_name, *product_id = NULL;
      gint64 quantity, unit_price, line_total;
      JsonArray *variant = NULL;
      g_autofree char *shown = NULL;
      gpointer refund = NULL;

      if (line == NULL
          || !comptoir_json_get_string (line, "id", COMPTOIR_JSON_REQUIRED, MAX_ID, &line_id, error)
          || !comptoir_json_get_string (line, "product_id", COMPTOIR_JSON_OPTIONAL | COMPTOIR_JSON_NULLABLE, MAX_ID, &product_id, error)
          || !comptoir_json_get_string (line, "name", COMPTOIR_JSON_REQUIRED, 140, &line_name, error)
          || !comptoir_json_get_array (line, "variant", COMPTOIR_JSON_OPTIONAL | COMPTOIR_JSON_NULLABLE, COMPTOIR_MAX_OPTIONS, &variant, error)
          || !comptoir_json_get_int (line, "quantity", COMPTOIR_JSON_REQUIRED, 1, 1000000, &quantity, error)
          || !comptoir_json_get_int (line, "unit_price_cents", COMPTOIR_JSON_REQUIRED, 0, MAX_MONEY, &unit_price, error)
          || !comptoir_json_get_int (line, "total_cents", COMPTOIR_JSON_REQUIRED, 0, MAX_MONEY, &line_total, error))
        return NULL;
      if (!(shown = line_name_with_variant (line_name, variant, error)))
        return NULL;
      g_hash_table_lookup_extended (refunded, line_id, NULL, &refund);
      g_ptr_array_add (parsed_lines, comptoir_order_line_new (line_id, product_id, shown, quantity, unit_price,
                                                              line_total, refund ? *(gint64 *) refund : 0));
    }
  /* The totals predate this mapping in some answers: the lines add up. */
  if (!json_object_has_member (totals, "subtotal_cents"))
    for (guint i = 0; i < parsed_lines->len; i++)
      subtotal += ((ComptoirOrderLine *) parsed_lines->pdata[i])->total_cents;

  comptoir_order_set_remote_id (order, id);
  comptoir_order_set_number (order, number);
  comptoir_order_set_status (order, state);
  comptoir_order_set_placed_at (order, placed_at);
  comptoir_order_set_customer_name (order, name);
  comptoir_order_set_customer_phone (order, phone ? phone : "");
  comptoir_order_set_customer_email (order, email ? email : "");
  comptoir_order_set_fulfilment (order, g_str_equal (type, "delivery") ? "delivery" : "collect");
  comptoir_order_set_customer_note (order, note ? note : "");
  comptoir_order_set_subtotal_cents (order, subtotal);
  comptoir_order_set_delivery_fee_cents (order, fee);
  comptoir_order_set_total_cents (order, total);
  comptoir_order_set_lines (order, parsed_lines);
  return g_steal_pointer (&order);
}

static gpointer
parse_order_response (ComptoirConnector     *self,
                      ComptoirHttpResponse  *response,
                      GError               **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = comptoir_connector_response_object (response, &root, error);
  ComptoirOrder *order = object ? parse_order (object, error) : NULL;

  /* The order's new version, for the next change based on it. */
  if (order != NULL)
    comptoir_order_set_remote_version (order, response->version);
  return order;
}

static ComptoirPayout *
parse_payout (JsonObject  *object,
              GError     **error)
{
  static const char * const statuses[] = { "scheduled", "paid", "failed", NULL };
  g_autoptr(ComptoirPayout) payout = comptoir_payout_new ();
  g_autoptr(GPtrArray) ids = NULL;
  const char *id, *start, *end, *status, *reference;
  gint64 gross, commission, fees, net;
  JsonArray *order_ids;

  if (!comptoir_json_get_string (object, "id", COMPTOIR_JSON_REQUIRED, MAX_ID, &id, error)
      || !comptoir_json_get_string (object, "period_start", COMPTOIR_JSON_REQUIRED, 10, &start, error)
      || !comptoir_json_get_string (object, "period_end", COMPTOIR_JSON_REQUIRED, 10, &end, error)
      || !comptoir_json_get_int (object, "gross_cents", COMPTOIR_JSON_REQUIRED, 0, MAX_MONEY, &gross, error)
      || !comptoir_json_get_int (object, "commission_cents", COMPTOIR_JSON_REQUIRED, 0, MAX_MONEY, &commission, error)
      || !comptoir_json_get_int (object, "fees_cents", COMPTOIR_JSON_REQUIRED, 0, MAX_MONEY, &fees, error)
      || !comptoir_json_get_int (object, "net_cents", COMPTOIR_JSON_REQUIRED, -MAX_MONEY, MAX_MONEY, &net, error)
      || !comptoir_json_get_enum (object, "status", COMPTOIR_JSON_REQUIRED, statuses, &status, error)
      || !comptoir_json_get_string (object, "bank_reference", COMPTOIR_JSON_OPTIONAL, 140, &reference, error)
      || !comptoir_json_get_array (object, "order_ids", COMPTOIR_JSON_REQUIRED, 100000, &order_ids, error))
    return NULL;
  ids = g_ptr_array_new_full (json_array_get_length (order_ids) + 1, NULL);
  for (guint i = 0; i < json_array_get_length (order_ids); i++)
    {
      JsonNode *node = json_array_get_element (order_ids, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING
          || *json_node_get_string (node) == '\0' || strlen (json_node_get_string (node)) > MAX_ID)
        {
          comptoir_json_set_protocol_error (error, "order_ids");
          return NULL;
        }
      g_ptr_array_add (ids, (gpointer) json_node_get_string (node));
    }
  g_ptr_array_add (ids, NULL);

  comptoir_payout_set_order_ids (payout, (const char * const *) ids->pdata);
  comptoir_payout_set_remote_id (payout, id);
  comptoir_payout_set_period_start (payout, start);
  comptoir_payout_set_period_end (payout, end);
  comptoir_payout_set_gross_cents (payout, gross);
  comptoir_payout_set_commission_cents (payout, commission);
  comptoir_payout_set_fees_cents (payout, fees);
  comptoir_payout_set_net_cents (payout, net);
  comptoir_payout_set_status (payout, status);
  comptoir_payout_set_bank_reference (payout, reference ? reference : "");
  return g_steal_pointer (&payout);
}

static gpointer
parse_order_page (ComptoirConnector *self, ComptoirHttpResponse *response, GError **error)
{
  return comptoir_connector_parse_page (response, "updated_at", comptoir_marketplace_parse_remote,
                                        (ComptoirItemParser) parse_order, error);
}

static gpointer
parse_payout_page (ComptoirConnector *self, ComptoirHttpResponse *response, GError **error)
{
  return comptoir_connector_parse_page (response, "updated_at", comptoir_marketplace_parse_remote,
                                        (ComptoirItemParser) parse_payout, error);
}

/* Operations */

static void
marketplace_list_orders (ComptoirPlatform *platform,
                         const char       *cursor,
                         const char       *updated_since,
                         GTask            *task)
{
  comptoir_connector_list (COMPTOIR_CONNECTOR (platform), "/orders", cursor, updated_since,
                           parse_order_page, task);
}

static void
marketplace_transition_order (ComptoirPlatform       *platform,
                              const char             *remote_id,
                              const char             *action,
                              const char             *reason,
                              const ComptoirMutation *mutation,
                              GTask                  *task)
{
  ComptoirConnector *self = COMPTOIR_CONNECTOR (platform);
  g_autofree char *suffix = g_strconcat ("/", action, NULL);
  g_autofree char *url = comptoir_connector_url (self, "/orders", remote_id, suffix);
  g_autoptr(JsonObject) body = NULL;

  if (g_str_equal (action, "reject"))
    {
      body = json_object_new ();
      json_object_set_string_member (body, "reason", reason ? reason : "");
    }
  comptoir_connector_call (self, "POST", url, body, NULL, mutation, parse_order_response, g_object_unref, task);
}

static void
marketplace_refund_order (ComptoirPlatform       *platform,
                          const char             *remote_id,
                          const char * const     *line_ids,
                          const guint            *quantities,
                          const char             *reason,
                          const ComptoirMutation *mutation,
                          GTask                  *task)
{
  ComptoirConnector *self = COMPTOIR_CONNECTOR (platform);
  g_autofree char *url = comptoir_connector_url (self, "/orders", remote_id, "/refunds");
  g_autoptr(JsonObject) body = json_object_new ();
  JsonArray *lines = json_array_new ();

  for (guint i = 0; line_ids[i] != NULL; i++)
    {
      JsonObject *line = json_object_new ();

      json_object_set_string_member (line, "line_id", line_ids[i]);
      json_object_set_int_member (line, "quantity", quantities[i]);
      json_array_add_object_element (lines, line);
    }
  json_object_set_array_member (body, "lines", lines);
  comptoir_marketplace_set_nullable_string (body, "reason", reason);
  comptoir_connector_call (self, "POST", url, body, NULL, mutation, parse_order_response, g_object_unref, task);
}

static void
marketplace_list_payouts (ComptoirPlatform *platform,
                          const char       *cursor,
                          const char       *updated_since,
                          GTask            *task)
{
  comptoir_connector_list (COMPTOIR_CONNECTOR (platform), "/payouts", cursor, updated_since,
                           parse_payout_page, task);
}

void
comptoir_marketplace_orders_iface_init (ComptoirPlatformInterface *iface)
{
  iface->list_orders = marketplace_list_orders;
  iface->transition_order = marketplace_transition_order;
  iface->refund_order = marketplace_refund_order;
  iface->list_payouts = marketplace_list_payouts;
}
