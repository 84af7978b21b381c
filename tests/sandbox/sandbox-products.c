// SPDX-License-Identifier: GPL-3.0-or-later
//
// Marketplace products: validation (VAT, units, GTIN, photos, variants) and CRUD.

#define G_LOG_DOMAIN "comptoir-sandbox"

#include "sandbox.h"

#include <string.h>

static const char * const vat_rates[] = { "2000", "1000", "550", "210", NULL };
static const char * const units[] = { "piece", "kg", "100g", "litre", "bunch", "lot", NULL };

static void
validate_photos (SandboxReq *req,
                 Validator  *v,
                 JsonArray  *photos)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; photos != NULL && i < json_array_get_length (photos); i++)
    {
      JsonNode *node = json_array_get_element (photos, i);
      g_autofree char *f = v_index ("photos", i);
      g_autoptr(JsonObject) media = NULL;
      const char *id;

      if (json_node_get_value_type (node) != G_TYPE_STRING)
        {
          validator_add (v, f, "invalid_type", "must be a media id");
          continue;
        }
      id = json_node_get_string (node);
      if (!g_hash_table_add (seen, (gpointer) id))
        validator_add (v, f, "duplicate", "appears twice");
      else if ((media = sandbox_obj_load (req->sb, req->scope, "media", id)) == NULL)
        validator_add (v, f, "unknown_reference", "is not an uploaded media id");
    }
}

/* Options: up to two, each with unique values; variants: every combination once. */
static void
validate_variants (Validator  *v,
                   JsonArray  *options,
                   JsonArray  *variants)
{
  guint n_options = options ? json_array_get_length (options) : 0;
  guint n_variants = variants ? json_array_get_length (variants) : 0;
  g_autoptr(GHashTable) combos = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint expected = 1;
  gboolean options_ok = TRUE;

  for (guint i = 0; i < n_options; i++)
    {
      JsonNode *node = json_array_get_element (options, i);
      g_autofree char *p = v_index ("options", i);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      JsonArray *values;

      g_string_assign (v->path, p);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          validator_add (v, "", "invalid_type", "must be an object");
          options_ok = FALSE;
          continue;
        }
      v_string (v, json_node_get_object (node), "name", TRUE, FALSE, 1, 40);
      values = v_array (v, json_node_get_object (node), "values", TRUE, 20);
      if (values == NULL || json_array_get_length (values) == 0)
        {
          if (values != NULL)
            validator_add (v, "values", "required", "must have at least one value");
          options_ok = FALSE;
          continue;
        }
      expected *= json_array_get_length (values);
      for (guint j = 0; j < json_array_get_length (values); j++)
        {
          JsonNode *val = json_array_get_element (values, j);
          g_autofree char *f = v_index ("values", j);

          if (json_node_get_value_type (val) != G_TYPE_STRING
              || g_utf8_strlen (json_node_get_string (val), -1) < 1
              || g_utf8_strlen (json_node_get_string (val), -1) > 40)
            {
              validator_add (v, f, "invalid_value", "must be a string of 1 to 40 characters");
              options_ok = FALSE;
            }
          else if (!g_hash_table_add (seen, (gpointer) json_node_get_string (val)))
            {
              validator_add (v, f, "duplicate", "appears twice");
              options_ok = FALSE;
            }
        }
    }
  g_string_truncate (v->path, 0);

  for (guint i = 0; i < n_variants; i++)
    {
      JsonNode *node = json_array_get_element (variants, i);
      g_autofree char *p = v_index ("variants", i);
      JsonObject *o;
      JsonArray *ov;

      g_string_assign (v->path, p);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          validator_add (v, "", "invalid_type", "must be an object");
          continue;
        }
      o = json_node_get_object (node);
      v_int (v, o, "price_cents", TRUE, FALSE, 0, 100000000, NULL, NULL);
      v_int (v, o, "stock", FALSE, TRUE, 0, G_MAXINT32, NULL, NULL);
      v_string (v, o, "sku", FALSE, TRUE, 0, 64);
      ov = v_array (v, o, "option_values", TRUE, 2);
      if (ov == NULL || !options_ok)
        continue;
      if (json_array_get_length (ov) != n_options)
        validator_add (v, "option_values", "invalid_value", "must have one value per option");
      else
        {
          GString *key = g_string_new (NULL);
          gboolean valid = TRUE;

          for (guint j = 0; j < n_options; j++)
            {
              JsonNode *val = json_array_get_element (ov, j);
              JsonArray *allowed = json_object_get_array_member (json_array_get_object_element (options, j), "values");
              gboolean found = FALSE;

              for (guint k = 0; json_node_get_value_type (val) == G_TYPE_STRING
                                && k < json_array_get_length (allowed); k++)
                if (g_strcmp0 (json_array_get_string_element (allowed, k), json_node_get_string (val)) == 0)
                  found = TRUE;
              if (!found)
                valid = FALSE;
              else
                g_string_append_printf (key, "%s\x1f", json_node_get_string (val));
            }
          if (!valid)
            validator_add (v, "option_values", "invalid_value", "must be values of the product's options");
          else if (!g_hash_table_add (combos, g_string_free (g_steal_pointer (&key), FALSE)))
            validator_add (v, "option_values", "duplicate", "this combination appears twice");
          if (key != NULL)
            g_string_free (key, TRUE);
        }
    }
  g_string_truncate (v->path, 0);

  if (n_options == 0 && n_variants > 0)
    validator_add (v, "variants", "invalid_value", "must be empty when there are no options");
  else if (options_ok && n_options > 0 && g_hash_table_size (combos) != expected)
    validator_add (v, "variants", "required", "must list every combination of option values once");
}

static JsonObject *
product_from_body (SandboxReq *req,
                   JsonObject *body,
                   Validator  *v)
{
  static const char * const copied[] = { "name", "description", "price_cents", "vat_rate", "stock",
                                         "unit", "category", "gtin", "sku", NULL };
  JsonObject *p;
  JsonArray *photos, *options, *variants;
  JsonNode *vat;

  v_string (v, body, "name", TRUE, FALSE, 1, 140);
  v_string (v, body, "description", FALSE, TRUE, 0, 5000);
  v_int (v, body, "price_cents", TRUE, FALSE, 0, 100000000, NULL, NULL);
  vat = json_object_get_member (body, "vat_rate");
  if (vat == NULL)
    validator_add (v, "vat_rate", "required", "is required");
  else if (json_node_get_value_type (vat) != G_TYPE_INT64)
    validator_add (v, "vat_rate", "invalid_type", "must be an integer (basis points)");
  else
    {
      g_autofree char *s = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (vat));
      if (!g_strv_contains (vat_rates, s))
        validator_add (v, "vat_rate", "invalid_value", "must be one of 2000, 1000, 550, 210");
    }
  v_int (v, body, "stock", FALSE, TRUE, 0, G_MAXINT32, NULL, NULL);
  v_enum (v, body, "unit", TRUE, units);
  v_string (v, body, "category", FALSE, TRUE, 0, 80);
  v_gtin (v, body, "gtin");
  v_string (v, body, "sku", FALSE, TRUE, 0, 64);
  photos = v_array (v, body, "photos", FALSE, 10);
  validate_photos (req, v, photos);
  options = v_array (v, body, "options", FALSE, 2);
  variants = v_array (v, body, "variants", FALSE, 400);
  validate_variants (v, options, variants);
  v_bool (v, body, "published", TRUE);
  if (validator_failed (v))
    return NULL;

  p = json_object_new ();
  for (guint i = 0; copied[i] != NULL; i++)
    {
      JsonNode *node = json_object_get_member (body, copied[i]);
      if (node != NULL)
        json_object_set_member (p, copied[i], json_node_copy (node));
      else
        json_object_set_null_member (p, copied[i]);
    }
  json_object_set_array_member (p, "photos", photos ? json_array_ref (photos) : json_array_new ());
  json_object_set_array_member (p, "options", options ? json_array_ref (options) : json_array_new ());
  json_object_set_array_member (p, "variants", variants ? json_array_ref (variants) : json_array_new ());
  json_object_set_boolean_member (p, "published", v_bool (v, body, "published", TRUE));
  return p;
}

static void
product_write (SandboxReq *req,
               JsonObject *current)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) product = NULL;
  Validator v;

  if (current != NULL && !sandbox_check_if_match (req, current))
    return;
  if ((body = sandbox_read_body (req)) == NULL)
    return;
  validator_init (&v);
  product = product_from_body (req, body, &v);
  if (product == NULL)
    {
      sandbox_problem_fields (req, json_array_ref (v.errors));
      validator_clear (&v);
      return;
    }
  validator_clear (&v);

  if (current != NULL)
    {
      json_object_set_string_member (product, "id", json_object_get_string_member (current, "id"));
      json_object_set_int_member (product, "version", json_object_get_int_member (current, "version"));
      json_object_set_string_member (product, "created_at",
                                     json_object_get_string_member (current, "created_at"));
      sandbox_obj_save (req->sb, req->scope, "product", product);
      sandbox_respond_object (req, SOUP_STATUS_OK, NULL, product, NULL);
    }
  else
    {
      g_autofree char *id = sandbox_new_id (req->sb, "prd");
      g_autofree char *location = g_strdup_printf ("%s%s/products/%s", req->sb->origin,
                                                   SANDBOX_MARKETPLACE_PREFIX, id);

      json_object_set_string_member (product, "id", id);
      sandbox_obj_save (req->sb, req->scope, "product", product);
      sandbox_respond_object (req, SOUP_STATUS_CREATED, NULL, product, location);
    }
}

void
sandbox_products_route (SandboxReq *req,
                        const char *id)
{
  g_autoptr(JsonObject) product = NULL;

  if (id == NULL)
    {
      if (strcmp (req->method, "GET") == 0)
        sandbox_list (req, "product", NULL);
      else if (strcmp (req->method, "POST") == 0)
        product_write (req, NULL);
      else
        sandbox_problem (req, 405, "method-not-allowed", "Method not allowed", "Use GET or POST.");
      return;
    }

  product = sandbox_obj_load (req->sb, req->scope, "product", id);
  if (product == NULL)
    sandbox_problem (req, 404, "not-found", "Not found", "No such product.");
  else if (strcmp (req->method, "GET") == 0)
    sandbox_respond_object (req, SOUP_STATUS_OK, NULL, product, NULL);
  else if (strcmp (req->method, "PUT") == 0)
    product_write (req, product);
  else if (strcmp (req->method, "DELETE") == 0)
    {
      if (!sandbox_check_if_match (req, product))
        return;
      sandbox_obj_delete (req->sb, req->scope, "product", id);
      soup_server_message_set_status (req->msg, SOUP_STATUS_NO_CONTENT, NULL);
    }
  else
    sandbox_problem (req, 405, "method-not-allowed", "Method not allowed", "Use GET, PUT or DELETE.");
}
