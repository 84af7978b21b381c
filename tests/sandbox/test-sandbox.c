// SPDX-License-Identifier: GPL-3.0-or-later
//
// Exercises the built comptoir-sandbox over real HTTP: every resource of both
// documents, pagination, 401/404/409/412/415/422/429, idempotent replay (counted),
// fault injection and persistence.

#define G_LOG_DOMAIN "test-sandbox"

#include "test-sandbox-utils.h"

static void
test_well_known (void)
{
  Box *box = box_start (NULL);
  g_autoptr(Resp) mp = call (box, "GET", box->mp, "/.well-known/comptoir-platform", NULL, NULL, NULL);
  g_autoptr(Resp) dir = call (box, "GET", box->dir, "/.well-known/comptoir-platform", NULL, NULL, NULL);

  assert_status (mp, 200);
  g_assert_cmpstr (str (mp, "kind"), ==, "marketplace");
  g_assert_cmpstr (str (mp, "currency"), ==, "EUR");
  g_assert_cmpstr (str (mp, "api_version"), ==, "1.0");
  g_assert_cmpint (json_object_get_int_member (obj (mp), "commission_rate"), ==, 800);
  g_assert_nonnull (str (mp, "terms_url"));
  assert_status (dir, 200);
  g_assert_cmpstr (str (dir, "kind"), ==, "directory");
  g_assert_false (json_object_has_member (obj (dir), "commission_rate"));
  box_stop (box);
}

static void
test_auth (void)
{
  Box *box = box_start (NULL);
  g_autofree char *refresh = NULL;
  g_autofree char *token = sign_in (box, &refresh);
  g_autofree char *refresh_body = g_strdup_printf ("{\"refresh_token\":\"%s\"}", refresh);
  g_autofree char *revoke_body = g_strdup_printf ("{\"token\":\"%s\"}", refresh);
  g_autofree char *token2 = NULL;
  Resp *r;

  r = call (box, "POST", box->mp, "/auth/token", NULL, "{\"email\":\"merchant@sandbox.test\",\"password\":\"nope\"}", NULL);
  assert_problem (r, 401, "invalid-credentials");
  resp_free (r);
  r = call (box, "POST", box->mp, "/auth/token", NULL, "{\"email\":42}", NULL);
  assert_field_error (r, "email", "invalid_type");
  assert_field_error (r, "password", "required");
  resp_free (r);
  r = call (box, "POST", box->mp, "/auth/token", NULL, "not json", NULL);
  assert_problem (r, 400, "bad-request");
  resp_free (r);

  r = call (box, "GET", box->mp, "/shop", NULL, NULL, NULL);
  assert_problem (r, 401, "token-invalid");
  g_assert_nonnull (header (r, "WWW-Authenticate"));
  resp_free (r);
  r = call (box, "GET", box->mp, "/shop", "at_forged", NULL, NULL);
  assert_problem (r, 401, "token-invalid");
  resp_free (r);
  r = call (box, "GET", box->mp, "/shop", token, NULL, NULL);
  assert_status (r, 200);
  resp_free (r);

  r = call (box, "POST", box->mp, "/auth/refresh", NULL, refresh_body, NULL);
  assert_status (r, 200);
  token2 = g_strdup (str (r, "access_token"));
  g_assert_cmpstr (token2, !=, token);
  g_assert_cmpstr (str (r, "refresh_token"), ==, refresh);
  resp_free (r);

  /* Revoking the refresh token revokes its access tokens too. */
  r = call (box, "POST", box->mp, "/auth/revoke", NULL, revoke_body, NULL);
  assert_status (r, 204);
  resp_free (r);
  r = call (box, "GET", box->mp, "/shop", token2, NULL, NULL);
  assert_problem (r, 401, "token-invalid");
  resp_free (r);
  r = call (box, "POST", box->mp, "/auth/refresh", NULL, refresh_body, NULL);
  assert_problem (r, 401, "token-invalid");
  resp_free (r);
  box_stop (box);
}

static void
test_token_expiry (void)
{
  Box *box = box_start ("--token-lifetime", "1", NULL);
  g_autofree char *refresh = NULL;
  g_autofree char *token = sign_in (box, &refresh);
  g_autofree char *refresh_body = g_strdup_printf ("{\"refresh_token\":\"%s\"}", refresh);
  g_autofree char *fresh = NULL;
  Resp *r;

  r = call (box, "GET", box->mp, "/shop", token, NULL, NULL);
  assert_status (r, 200);
  resp_free (r);
  g_usleep (1100 * 1000);
  r = call (box, "GET", box->mp, "/shop", token, NULL, NULL);
  assert_problem (r, 401, "token-expired");
  resp_free (r);
  r = call (box, "POST", box->mp, "/auth/refresh", NULL, refresh_body, NULL);
  assert_status (r, 200);
  fresh = g_strdup (str (r, "access_token"));
  resp_free (r);
  r = call (box, "GET", box->mp, "/shop", fresh, NULL, NULL);
  assert_status (r, 200);
  resp_free (r);
  box_stop (box);
}

static void
test_shop (void)
{
  Box *box = box_start (NULL);
  g_autofree char *token = sign_in (box, NULL);
  g_autofree char *etag = NULL;
  const char *shop = "{\"name\":\"Fleurs de Felletin\",\"phone\":\"05 55 66 77 88\","
                     "\"address\":{\"street\":\"1 rue Reine Marie\",\"postal_code\":\"23500\",\"city\":\"Felletin\"},"
                     "\"opening_hours\":[{\"day\":\"saturday\",\"opens\":\"21:00\",\"closes\":\"02:00\"}],"
                     "\"special_hours\":[{\"date\":\"2026-05-01\",\"closed\":true}],"
                     "\"click_and_collect\":true,\"delivery\":{\"enabled\":true,\"fee_cents\":250}}";
  Resp *r;

  r = call (box, "GET", box->mp, "/shop", token, NULL, NULL);
  assert_status (r, 200);
  etag = g_strdup (header (r, "ETag"));
  g_assert_cmpstr (etag, ==, "\"1\"");
  resp_free (r);

  r = call (box, "PUT", box->mp, "/shop", token, shop, "If-Match", etag, NULL);
  assert_status (r, 200);
  g_assert_cmpstr (header (r, "ETag"), ==, "\"2\"");
  g_assert_cmpstr (str (r, "name"), ==, "Fleurs de Felletin");
  resp_free (r);

  r = call (box, "PUT", box->mp, "/shop", token, shop, "If-Match", etag, NULL);
  assert_problem (r, 412, "version-mismatch");
  g_assert_cmpint (json_object_get_int_member (obj (r), "current_version"), ==, 2);
  resp_free (r);

  r = call (box, "PUT", box->mp, "/shop", token,
            "{\"name\":\"\",\"address\":{\"street\":\"x\",\"postal_code\":\"2350\",\"city\":\"F\"},"
            "\"opening_hours\":[{\"day\":\"funday\",\"opens\":\"25:00\",\"closes\":\"02:00\"}]}", NULL);
  assert_field_error (r, "name", "required");
  assert_field_error (r, "address.postal_code", "invalid_format");
  assert_field_error (r, "opening_hours[0].day", "invalid_value");
  assert_field_error (r, "opening_hours[0].opens", "invalid_format");
  resp_free (r);
  box_stop (box);
}

static void
test_media (void)
{
  Box *box = box_start (NULL);
  g_autofree char *token = sign_in (box, NULL);
  g_autofree char *url = NULL;
  g_autofree char *id = upload_png (box, box->mp, token, &url);
  g_autofree char *target = g_strconcat (box->mp, "/media", NULL);
  g_autofree char *path = g_strconcat ("/media/", id, NULL);
  g_autofree char *big = g_malloc0 (10 * 1024 * 1024 + 1);
  Resp *r;

  /* Public content, byte for byte. */
  r = call_full (box, NULL, "GET", url, NULL, NULL, NULL, 0, NULL);
  assert_status (r, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (r->headers, NULL), ==, "image/png");
  g_assert_cmpmem (g_bytes_get_data (r->body, NULL), g_bytes_get_size (r->body), png_bytes, sizeof png_bytes);
  resp_free (r);
  r = call (box, "GET", box->mp, path, token, NULL, NULL);
  assert_status (r, 200);
  g_assert_cmpstr (str (r, "id"), ==, id);
  resp_free (r);

  /* Magic bytes decide, not the declared type. */
  r = call_full (box, NULL, "POST", target, token, "image/jpeg", png_bytes, sizeof png_bytes, NULL);
  assert_problem (r, 415, "unsupported-media-type");
  resp_free (r);
  r = call_full (box, NULL, "POST", target, token, "image/gif", "GIF89a", 6, NULL);
  assert_problem (r, 415, "unsupported-media-type");
  resp_free (r);
  memcpy (big, "\xff\xd8\xff", 3);
  r = call_full (box, NULL, "POST", target, token, "image/jpeg", big, 10 * 1024 * 1024 + 1, NULL);
  assert_problem (r, 413, "payload-too-large");
  resp_free (r);
  box_stop (box);
}

static void
test_products (void)
{
  Box *box = box_start (NULL);
  g_autofree char *token = sign_in (box, NULL);
  g_autofree char *photo = upload_png (box, box->mp, token, NULL);
  g_autofree char *body = g_strdup_printf (
    "{\"name\":\"Tarte\",\"description\":\"Aux pommes\",\"price_cents\":1450,\"vat_rate\":550,\"unit\":\"piece\","
    "\"category\":\"Pâtisseries\",\"gtin\":\"4006381333931\",\"sku\":\"T1\",\"photos\":[\"%s\"],"
    "\"options\":[{\"name\":\"Taille\",\"values\":[\"4\",\"6\"]},{\"name\":\"Pâte\",\"values\":[\"brisée\"]}],"
    "\"variants\":[{\"option_values\":[\"4\",\"brisée\"],\"price_cents\":1450,\"stock\":3,\"sku\":null},"
    "{\"option_values\":[\"6\",\"brisée\"],\"price_cents\":2100,\"stock\":null}]}", photo);
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  Resp *r;

  r = call (box, "POST", box->mp, "/products", token, body, NULL);
  assert_status (r, 201);
  id = g_strdup (str (r, "id"));
  path = g_strconcat ("/products/", id, NULL);
  g_assert_true (g_str_has_suffix (header (r, "Location"), path));
  g_assert_cmpstr (header (r, "ETag"), ==, "\"1\"");
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (obj (r), "variants")), ==, 2);
  resp_free (r);

  r = call (box, "GET", box->mp, path, token, NULL, NULL);
  assert_status (r, 200);
  g_assert_cmpstr (str (r, "gtin"), ==, "4006381333931");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (obj (r), "photos"), 0), ==, photo);
  resp_free (r);

  r = call (box, "PUT", box->mp, path, token, "{\"name\":\"Tarte fine\",\"price_cents\":900,\"vat_rate\":550,\"unit\":\"piece\"}",
            "If-Match", "\"1\"", NULL);
  assert_status (r, 200);
  g_assert_cmpint (json_object_get_int_member (obj (r), "version"), ==, 2);
  resp_free (r);
  r = call (box, "PUT", box->mp, path, token, "{\"name\":\"Tarte\",\"price_cents\":900,\"vat_rate\":550,\"unit\":\"piece\"}",
            "If-Match", "\"1\"", NULL);
  assert_problem (r, 412, "version-mismatch");
  resp_free (r);

  r = call (box, "POST", box->mp, "/products", token,
            "{\"name\":\"\",\"price_cents\":-1,\"vat_rate\":1900,\"unit\":\"box\",\"gtin\":\"4006381333932\","
            "\"photos\":[\"med_nope\"],\"stock\":\"3\","
            "\"options\":[{\"name\":\"T\",\"values\":[\"a\",\"b\"]}],\"variants\":[{\"option_values\":[\"a\"],\"price_cents\":1}]}",
            NULL);
  assert_field_error (r, "name", "required");
  assert_field_error (r, "price_cents", "out_of_range");
  assert_field_error (r, "vat_rate", "invalid_value");
  assert_field_error (r, "unit", "invalid_value");
  assert_field_error (r, "gtin", "invalid_value");
  assert_field_error (r, "photos[0]", "unknown_reference");
  assert_field_error (r, "stock", "invalid_type");
  assert_field_error (r, "variants", "required");
  resp_free (r);

  r = call (box, "DELETE", box->mp, path, token, NULL, "If-Match", "\"1\"", NULL);
  assert_problem (r, 412, "version-mismatch");
  resp_free (r);
  r = call (box, "DELETE", box->mp, path, token, NULL, "If-Match", "\"2\"", NULL);
  assert_status (r, 204);
  resp_free (r);
  r = call (box, "GET", box->mp, path, token, NULL, NULL);
  assert_problem (r, 404, "not-found");
  resp_free (r);
  box_stop (box);
}

static void
test_pagination (void)
{
  Box *box = box_start (NULL);
  g_autofree char *token = sign_in (box, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *cursor = NULL;
  g_autofree char *fifth_time = NULL;
  guint pages = 0;
  Resp *r;

  for (int i = 0; i < 7; i++)
    {
      g_autofree char *name = g_strdup_printf ("Produit %d", i);
      g_autofree char *id = create_product (box, token, name, 100 + i);
    }
  do
    {
      g_autofree char *path = cursor ? g_strdup_printf ("/products?limit=3&cursor=%s", cursor)
                                     : g_strdup ("/products?limit=3");
      JsonArray *items;
      JsonNode *next;

      r = call (box, "GET", box->mp, path, token, NULL, NULL);
      assert_status (r, 200);
      items = json_object_get_array_member (obj (r), "items");
      g_assert_cmpuint (json_array_get_length (items), <=, 3);
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *item = json_array_get_object_element (items, i);
          g_assert_true (g_hash_table_add (seen, g_strdup (json_object_get_string_member (item, "id"))));
          g_assert_cmpint (json_object_get_int_member (item, "version"), ==, 1);
          if (g_hash_table_size (seen) == 5)
            fifth_time = g_strdup (json_object_get_string_member (item, "updated_at"));
        }
      next = json_object_get_member (obj (r), "next_cursor");
      g_assert_nonnull (next);
      g_clear_pointer (&cursor, g_free);
      if (!JSON_NODE_HOLDS_NULL (next))
        cursor = g_strdup (json_node_get_string (next));
      resp_free (r);
      pages++;
    }
  while (cursor != NULL);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 7);
  g_assert_cmpuint (pages, ==, 3);

  {
    g_autofree char *since = g_uri_escape_string (fifth_time, NULL, FALSE);
    g_autofree char *path = g_strdup_printf ("/products?updated_since=%s", since);

    r = call (box, "GET", box->mp, path, token, NULL, NULL);
    assert_status (r, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (r), "items")), ==, 3);
    g_assert_true (json_object_get_null_member (obj (r), "next_cursor"));
    resp_free (r);
  }
  r = call (box, "GET", box->mp, "/products?limit=500&cursor=garbage&updated_since=yesterday", token, NULL, NULL);
  assert_field_error (r, "limit", "out_of_range");
  assert_field_error (r, "cursor", "invalid_value");
  assert_field_error (r, "updated_since", "invalid_format");
  resp_free (r);
  box_stop (box);
}

static JsonObject *
order_action (Box        *box,
              const char *token,
              const char *id,
              const char *action,
              const char *body,
              guint       expected)
{
  g_autofree char *path = g_strdup_printf ("/orders/%s/%s", id, action);
  g_autoptr(Resp) r = call (box, "POST", box->mp, path, token, body, NULL);

  if (expected == 409)
    assert_problem (r, 409, "invalid-transition");
  else
    assert_status (r, expected);
  return json_object_ref (obj (r));
}

static void
test_orders (void)
{
  Box *box = box_start (NULL);
  g_autofree char *token = sign_in (box, NULL);
  g_autofree char *product = create_product (box, token, "Pain", 420);
  g_autofree char *spec = g_strdup_printf ("{\"lines\":[{\"product_id\":\"%s\",\"quantity\":3}],"
                                           "\"fulfilment\":\"delivery\",\"note\":\"Sonnez fort\"}", product);
  g_autoptr(JsonObject) order = control (box, "/_sandbox/orders", spec, 201);
  g_autoptr(JsonObject) other = control (box, "/_sandbox/orders", NULL, 201);
  g_autoptr(JsonObject) third = control (box, "/_sandbox/orders", NULL, 201);
  const char *id = json_object_get_string_member (order, "id");
  JsonObject *totals = json_object_get_object_member (order, "totals");
  JsonObject *o;
  g_autofree char *cancel_path = NULL;
  Resp *r;

  g_assert_cmpstr (json_object_get_string_member (order, "state"), ==, "new");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (order, "fulfilment"), "type"), ==, "delivery");
  g_assert_cmpint (json_object_get_int_member (totals, "subtotal_cents"), ==, 1260);
  g_assert_cmpint (json_object_get_int_member (totals, "total_cents"), ==,
                   1260 + json_object_get_int_member (totals, "delivery_fee_cents"));

  r = call (box, "GET", box->mp, "/orders?state=new", token, NULL, NULL);
  assert_status (r, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (r), "items")), ==, 3);
  resp_free (r);

  o = order_action (box, token, id, "ready", NULL, 409);
  json_object_unref (o);
  o = order_action (box, token, id, "accept", NULL, 200);
  g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "accepted");
  json_object_unref (o);
  o = order_action (box, token, id, "refunds", "{\"lines\":[{\"line_id\":\"ln_1\",\"quantity\":1}],\"reason\":\"Manquant\"}", 201);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "totals"), "refunded_cents"), ==, 420);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (o, "refunds")), ==, 1);
  json_object_unref (o);
  {
    g_autofree char *path = g_strdup_printf ("/orders/%s/refunds", id);
    r = call (box, "POST", box->mp, path, token, "{\"lines\":[{\"line_id\":\"ln_1\",\"quantity\":3},{\"line_id\":\"ln_9\",\"quantity\":1}]}", NULL);
    assert_field_error (r, "lines[0].quantity", "out_of_range");
    assert_field_error (r, "lines[1].line_id", "unknown_reference");
    resp_free (r);
  }
  o = order_action (box, token, id, "ready", NULL, 200);
  json_object_unref (o);
  o = order_action (box, token, id, "complete", NULL, 200);
  g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "completed");
  json_object_unref (o);
  o = order_action (box, token, id, "accept", NULL, 409);
  json_object_unref (o);

  {
    g_autofree char *path = g_strdup_printf ("/orders/%s/reject", json_object_get_string_member (other, "id"));
    r = call (box, "POST", box->mp, path, token, "{}", NULL);
    assert_field_error (r, "reason", "required");
    resp_free (r);
  }
  o = order_action (box, token, json_object_get_string_member (other, "id"), "reject", "{\"reason\":\"Fermé\"}", 200);
  g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (o, "rejection_reason"), ==, "Fermé");
  json_object_unref (o);

  /* Cancellation is the customer's. */
  cancel_path = g_strdup_printf ("/_sandbox/orders/%s/cancel", json_object_get_string_member (third, "id"));
  o = control (box, cancel_path, "{\"reason\":\"Empêché\"}", 200);
  g_assert_cmpstr (json_object_get_string_member (o, "state"), ==, "cancelled");
  json_object_unref (o);
  o = order_action (box, token, json_object_get_string_member (third, "id"), "accept", NULL, 409);
  json_object_unref (o);

  {
    g_autofree char *path = g_strdup_printf ("/orders/%s", id);
    r = call (box, "GET", box->mp, path, token, NULL, NULL);
    assert_status (r, 200);
    g_assert_cmpstr (header (r, "ETag"), ==, "\"5\"");
    resp_free (r);
  }

  /* The payout groups the completed order. */
  o = control (box, "/_sandbox/payouts", NULL, 201);
  {
    gint64 gross = json_object_get_int_member (o, "gross_cents");
    g_autofree char *path = g_strdup_printf ("/payouts/%s", json_object_get_string_member (o, "id"));

    g_assert_cmpint (gross, ==, 1260 - 420 + json_object_get_int_member (totals, "delivery_fee_cents"));
    g_assert_cmpint (json_object_get_int_member (o, "commission_cents"), ==, (gross * 800 + 5000) / 10000);
    g_assert_cmpint (json_object_get_int_member (o, "net_cents"), ==,
                     gross - json_object_get_int_member (o, "commission_cents") - json_object_get_int_member (o, "fees_cents"));
    g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "paid");
    g_assert_nonnull (json_object_get_string_member (o, "bank_reference"));
    r = call (box, "GET", box->mp, path, token, NULL, NULL);
    assert_status (r, 200);
    g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (obj (r), "order_ids"), 0), ==, id);
    resp_free (r);
  }
  json_object_unref (o);
  r = call (box, "GET", box->mp, "/payouts", token, NULL, NULL);
  assert_status (r, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (r), "items")), ==, 1);
  resp_free (r);
  box_stop (box);
}

/* A write the database refuses answers 500 and applies nothing, so a retry with the
 * same Idempotency-Key applies the request exactly once. */
static void
test_storage_fault (void)
{
  Box *box = box_start (NULL);
  g_autofree char *token = sign_in (box, NULL);
  g_autofree char *target = g_strconcat (box->mp, "/media", NULL);
  const char *body = "{\"name\":\"Brioche\",\"price_cents\":650,\"vat_rate\":550,\"unit\":\"piece\"}";
  const char *key_header[] = { "Idempotency-Key", "key-media-fault", NULL };
  Resp *r;

  /* An upload whose bytes cannot be stored is not a 201. */
  g_assert_null (control (box, "/_sandbox/storage-fault", "{\"table\":\"media_content\"}", 204));
  r = call_full (box, NULL, "POST", target, token, "image/png", png_bytes, sizeof png_bytes, key_header);
  assert_problem (r, 500, "internal-error");
  g_assert_null (header (r, "Location"));
  resp_free (r);
  g_assert_cmpint (applied_count (box, "key-media-fault"), ==, 0);
  g_assert_null (control (box, "/_sandbox/storage-fault", "{\"table\":\"media_content\",\"failing\":false}", 204));
  r = call_full (box, NULL, "POST", target, token, "image/png", png_bytes, sizeof png_bytes, key_header);
  assert_status (r, 201);
  g_assert_null (header (r, "Idempotent-Replayed"));
  resp_free (r);
  g_assert_cmpint (applied_count (box, "key-media-fault"), ==, 1);

  /* A lost idempotency record rolls the product back: the retry creates one product. */
  g_assert_null (control (box, "/_sandbox/storage-fault", "{\"table\":\"idempotency\"}", 204));
  r = call (box, "POST", box->mp, "/products", token, body, "Idempotency-Key", "key-fault-1", NULL);
  assert_problem (r, 500, "internal-error");
  resp_free (r);
  g_assert_null (control (box, "/_sandbox/storage-fault", "{\"table\":\"idempotency\",\"failing\":false}", 204));
  r = call (box, "POST", box->mp, "/products", token, body, "Idempotency-Key", "key-fault-1", NULL);
  assert_status (r, 201);
  resp_free (r);
  r = call (box, "POST", box->mp, "/products", token, body, "Idempotency-Key", "key-fault-1", NULL);
  assert_status (r, 201);
  g_assert_cmpstr (header (r, "Idempotent-Replayed"), ==, "true");
  resp_free (r);
  g_assert_cmpint (applied_count (box, "key-fault-1"), ==, 1);
  r = call (box, "GET", box->mp, "/products", token, NULL, NULL);
  assert_status (r, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (r), "items")), ==, 1);
  resp_free (r);
  box_stop (box);
}

static void
test_idempotency (void)
{
  Box *box = box_start (NULL);
  g_autofree char *token = sign_in (box, NULL);
  const char *body = "{\"name\":\"Brioche\",\"price_cents\":650,\"vat_rate\":550,\"unit\":\"piece\"}";
  Resp *first, *again, *other, *list;

  first = call (box, "POST", box->mp, "/products", token, body, "Idempotency-Key", "key-brioche-1", NULL);
  assert_status (first, 201);
  g_assert_null (header (first, "Idempotent-Replayed"));
  again = call (box, "POST", box->mp, "/products", token, body, "Idempotency-Key", "key-brioche-1", NULL);
  assert_status (again, 201);
  g_assert_cmpstr (header (again, "Idempotent-Replayed"), ==, "true");
  g_assert_true (g_bytes_equal (first->body, again->body));
  g_assert_cmpstr (header (again, "ETag"), ==, header (first, "ETag"));
  g_assert_cmpstr (header (again, "Location"), ==, header (first, "Location"));
  other = call (box, "POST", box->mp, "/products", token, "{\"name\":\"Autre\",\"price_cents\":1,\"vat_rate\":550,\"unit\":\"piece\"}",
                "Idempotency-Key", "key-brioche-1", NULL);
  assert_problem (other, 422, "idempotency-key-reused");
  g_assert_cmpint (applied_count (box, "key-brioche-1"), ==, 1);

  list = call (box, "GET", box->mp, "/products", token, NULL, NULL);
  assert_status (list, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (list), "items")), ==, 1);

  resp_free (first);
  resp_free (again);
  resp_free (other);
  resp_free (list);

  /* Directory keys are scoped by API key too. */
  first = call (box, "POST", box->dir, "/offers", box->api_key,
                "{\"@context\":\"https://schema.org\",\"@type\":\"Offer\",\"price\":\"6.50\",\"priceCurrency\":\"EUR\","
                "\"itemOffered\":{\"@type\":\"Product\",\"name\":\"Brioche\"}}", "Idempotency-Key", "key-offer-1", NULL);
  assert_status (first, 201);
  again = call (box, "POST", box->dir, "/offers", box->api_key,
                "{\"@context\":\"https://schema.org\",\"@type\":\"Offer\",\"price\":\"6.50\",\"priceCurrency\":\"EUR\","
                "\"itemOffered\":{\"@type\":\"Product\",\"name\":\"Brioche\"}}", "Idempotency-Key", "key-offer-1", NULL);
  assert_status (again, 201);
  g_assert_true (g_bytes_equal (first->body, again->body));
  g_assert_cmpint (applied_count (box, "key-offer-1"), ==, 1);
  resp_free (first);
  resp_free (again);
  box_stop (box);
}

static void
test_demo (void)
{
  Box *box = box_start ("--demo", "--simulate-orders", "1", NULL);
  g_autofree char *token = sign_in (box, NULL);
  g_autoptr(GHashTable) states = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_orders;
  JsonArray *items;
  Resp *r;

  r = call (box, "GET", box->mp, "/shop", token, NULL, NULL);
  g_assert_cmpstr (str (r, "name"), ==, "Boulangerie du Lavoir");
  resp_free (r);
  r = call (box, "GET", box->mp, "/orders?limit=200", token, NULL, NULL);
  items = json_object_get_array_member (obj (r), "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    g_hash_table_add (states, (gpointer) json_object_get_string_member (json_array_get_object_element (items, i), "state"));
  g_assert_cmpuint (g_hash_table_size (states), ==, 6);
  n_orders = json_array_get_length (items);
  resp_free (r);

  /* --simulate-orders 1: a customer orders every second. */
  g_usleep (1300 * 1000);
  r = call (box, "GET", box->mp, "/orders?limit=200&state=new", token, NULL, NULL);
  assert_status (r, 200);
  resp_free (r);
  r = call (box, "GET", box->mp, "/orders?limit=200", token, NULL, NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (r), "items")), >, n_orders);
  resp_free (r);
  r = call (box, "GET", box->mp, "/payouts", token, NULL, NULL);
  items = json_object_get_array_member (obj (r), "items");
  g_assert_cmpuint (json_array_get_length (items), >=, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "status"), ==, "paid");
  resp_free (r);
  r = call (box, "GET", box->dir, "/listing/moderation", box->api_key, NULL, NULL);
  g_assert_cmpstr (str (r, "state"), ==, "published");
  resp_free (r);
  box_stop (box);
}

static void
test_rate_limit (void)
{
  Box *box = box_start ("--rate-limit", "2", NULL);
  guint limited = 0;

  for (int i = 0; i < 10; i++)
    {
      g_autoptr(Resp) r = call (box, "GET", box->dir, "/offers", box->api_key, NULL, NULL);

      if (r->status == 429)
        {
          assert_problem (r, 429, "rate-limited");
          g_assert_cmpint (g_ascii_strtoll (header (r, "Retry-After"), NULL, 10), >=, 1);
          limited++;
        }
      else
        assert_status (r, 200);
    }
  g_assert_cmpuint (limited, >=, 5);
  box_stop (box);
}

static void
test_faults (void)
{
  Box *box = box_start ("--fail-rate", "1", NULL);
  Resp *r;

  r = call (box, "GET", box->dir, "/offers", box->api_key, NULL, NULL);
  assert_problem (r, 503, "unavailable");
  g_assert_nonnull (header (r, "Retry-After"));
  resp_free (r);
  r = call (box, "GET", box->dir, "/.well-known/comptoir-platform", NULL, NULL, NULL);
  assert_status (r, 200);
  resp_free (r);
  box_stop (box);

  box = box_start ("--latency-ms", "150", NULL);
  {
    gint64 start = g_get_monotonic_time ();
    r = call (box, "GET", box->dir, "/offers", box->api_key, NULL, NULL);
    assert_status (r, 200);
    g_assert_cmpint (g_get_monotonic_time () - start, >=, 150 * 1000);
    resp_free (r);
  }
  box_stop (box);
}

/* A cut connection after the mutation was applied: the client sees an error, the
 * server applied it once; a retry with the same key (here on a healthy server sharing
 * the same data file) is replayed, not applied again. */
static void
test_drop (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sandbox-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "data.sqlite", NULL);
  const char *body = "{\"name\":\"Fougasse\",\"price_cents\":350,\"vat_rate\":550,\"unit\":\"piece\"}";
  g_autofree char *token = NULL;
  g_autofree char *email = NULL;
  Box *box;
  Resp *r;

  box = box_start ("--data", file, NULL);
  token = sign_in (box, NULL);
  email = g_strdup (box->email);
  box_stop (box);

  box = box_start ("--data", file, "--drop-rate", "1", NULL);
  {
    g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 20, NULL);
    g_autofree char *url = g_strconcat (box->mp, "/products", NULL);
    const char *extra[] = { "Idempotency-Key", "key-fougasse", NULL };

    r = call_full (box, session, "POST", url, token, NULL, body, strlen (body), extra);
    g_assert_nonnull (r->error);
    resp_free (r);
  }
  g_assert_cmpint (applied_count (box, "key-fougasse"), ==, 1);
  box_stop (box);

  /* Persistence: same credentials, the product is there, the key is remembered. */
  box = box_start ("--data", file, NULL);
  g_assert_cmpstr (box->email, ==, email);
  r = call (box, "POST", box->mp, "/products", token, body, "Idempotency-Key", "key-fougasse", NULL);
  assert_status (r, 201);
  g_assert_cmpstr (header (r, "Idempotent-Replayed"), ==, "true");
  resp_free (r);
  r = call (box, "GET", box->mp, "/products", token, NULL, NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (r), "items")), ==, 1);
  resp_free (r);
  box_stop (box);

  g_remove (file);
  {
    g_autofree char *wal = g_strconcat (file, "-wal", NULL);
    g_autofree char *shm = g_strconcat (file, "-shm", NULL);
    g_remove (wal);
    g_remove (shm);
  }
  g_rmdir (dir);
}

void sandbox_add_directory_tests (void);

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sandbox/well-known", test_well_known);
  g_test_add_func ("/sandbox/auth", test_auth);
  g_test_add_func ("/sandbox/auth/expiry", test_token_expiry);
  g_test_add_func ("/sandbox/marketplace/shop", test_shop);
  g_test_add_func ("/sandbox/marketplace/media", test_media);
  g_test_add_func ("/sandbox/marketplace/products", test_products);
  g_test_add_func ("/sandbox/marketplace/pagination", test_pagination);
  g_test_add_func ("/sandbox/marketplace/orders-payouts", test_orders);
  g_test_add_func ("/sandbox/idempotency", test_idempotency);
  g_test_add_func ("/sandbox/storage-fault", test_storage_fault);
  sandbox_add_directory_tests ();
  g_test_add_func ("/sandbox/demo", test_demo);
  g_test_add_func ("/sandbox/rate-limit", test_rate_limit);
  g_test_add_func ("/sandbox/faults", test_faults);
  g_test_add_func ("/sandbox/drop-and-persistence", test_drop);

  return g_test_run ();
}
