// SPDX-License-Identifier: GPL-3.0-or-later
//
// Directory API: the listing (schema.org LocalBusiness), its moderation, and the
// showcase (schema.org Offers).

#define G_LOG_DOMAIN "comptoir-sandbox"

#include "sandbox.h"

#include <string.h>

#define LD_CONTENT_TYPE "application/ld+json"
#define URL_RE "^https?://[^\\s]+$"
#define TIME_RE "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"
#define DATE_RE "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"

static const char * const business_types[] = {
  "LocalBusiness", "Store", "Bakery", "FoodEstablishment", "ButcherShop", "Florist", "BookStore",
  "HardwareStore", "GroceryStore", "ClothingStore", "ConvenienceStore", "HomeGoodsStore",
  "LiquorStore", "GardenStore", "Restaurant", "CafeOrCoffeeShop", NULL
};
static const char * const day_names[] = {
  "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
  "https://schema.org/Monday", "https://schema.org/Tuesday", "https://schema.org/Wednesday",
  "https://schema.org/Thursday", "https://schema.org/Friday", "https://schema.org/Saturday",
  "https://schema.org/Sunday", NULL
};

gboolean
sandbox_directory_auth (SandboxReq *req)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (req->msg),
                                                     "Authorization");
  sqlite3_stmt *stmt;

  if (header != NULL && g_ascii_strncasecmp (header, "Bearer ", 7) == 0)
    {
      stmt = sandbox_db_prepare (req->sb, "SELECT listing FROM api_keys WHERE key = ? AND revoked = 0");
      sqlite3_bind_text (stmt, 1, header + 7, -1, SQLITE_TRANSIENT);
      if (sandbox_db_step (req->sb, stmt) == SQLITE_ROW)
        req->scope = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
    }
  if (req->scope != NULL)
    return TRUE;
  sandbox_problem (req, 401, "api-key-invalid", "Invalid API key",
                   header ? "The API key is unknown or has been revoked."
                          : "Send the API key as \"Authorization: Bearer <api key>\".");
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                "WWW-Authenticate", "Bearer");
  return FALSE;
}

static void
v_const (Validator  *v,
         JsonObject *o,
         const char *name,
         const char *value)
{
  const char * const values[] = { value, NULL };

  v_enum (v, o, name, TRUE, values);
}

static void
v_number (Validator  *v,
          JsonObject *o,
          const char *name,
          double      min,
          double      max,
          gboolean    exclusive_min)
{
  JsonNode *node = json_object_get_member (o, name);
  double value;

  if (node == NULL)
    {
      validator_add (v, name, "required", "is required");
      return;
    }
  if (json_node_get_value_type (node) != G_TYPE_INT64 && json_node_get_value_type (node) != G_TYPE_DOUBLE)
    {
      validator_add (v, name, "invalid_type", "must be a number");
      return;
    }
  value = json_node_get_double (node);
  if (value > max || value < min || (exclusive_min && value == min))
    validator_add (v, name, "out_of_range", "is out of range");
}

static void
v_url_array (Validator  *v,
             JsonObject *o,
             const char *name)
{
  JsonArray *a = v_array (v, o, name, FALSE, 10);

  for (guint i = 0; a != NULL && i < json_array_get_length (a); i++)
    {
      JsonNode *node = json_array_get_element (a, i);
      g_autofree char *f = v_index (name, i);

      if (json_node_get_value_type (node) != G_TYPE_STRING
          || strlen (json_node_get_string (node)) > 500
          || !g_regex_match_simple (URL_RE, json_node_get_string (node), 0, 0))
        validator_add (v, f, "invalid_format", "must be an http(s) URL");
    }
}

static void
v_hours (Validator  *v,
         JsonObject *body,
         const char *name,
         gboolean    special)
{
  JsonArray *a = v_array (v, body, name, FALSE, special ? 200 : 50);

  for (guint i = 0; a != NULL && i < json_array_get_length (a); i++)
    {
      JsonNode *node = json_array_get_element (a, i);
      g_autofree char *p = v_index (name, i);
      JsonObject *o;

      g_string_assign (v->path, p);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          validator_add (v, "", "invalid_type", "must be an object");
          continue;
        }
      o = json_node_get_object (node);
      v_const (v, o, "@type", "OpeningHoursSpecification");
      v_string (v, o, "opens", TRUE, FALSE, 5, 8);
      v_pattern (v, o, "opens", FALSE, TIME_RE, "HH:MM");
      v_string (v, o, "closes", TRUE, FALSE, 5, 8);
      v_pattern (v, o, "closes", FALSE, TIME_RE, "HH:MM");
      if (special)
        {
          const char *from = v_string (v, o, "validFrom", TRUE, FALSE, 10, 10);
          const char *through = v_string (v, o, "validThrough", TRUE, FALSE, 10, 10);

          if (v_pattern (v, o, "validFrom", FALSE, DATE_RE, "a YYYY-MM-DD date")
              && v_pattern (v, o, "validThrough", FALSE, DATE_RE, "a YYYY-MM-DD date")
              && from != NULL && through != NULL && strcmp (through, from) < 0)
            validator_add (v, "validThrough", "out_of_range", "must not be before validFrom");
        }
      else
        {
          JsonNode *days = json_object_get_member (o, "dayOfWeek");
          gboolean ok = days != NULL;

          if (days != NULL && JSON_NODE_HOLDS_ARRAY (days))
            {
              JsonArray *da = json_node_get_array (days);

              ok = json_array_get_length (da) >= 1 && json_array_get_length (da) <= 7;
              for (guint j = 0; ok && j < json_array_get_length (da); j++)
                ok = json_node_get_value_type (json_array_get_element (da, j)) == G_TYPE_STRING
                     && g_strv_contains (day_names, json_array_get_string_element (da, j));
            }
          else if (days != NULL)
            ok = json_node_get_value_type (days) == G_TYPE_STRING
                 && g_strv_contains (day_names, json_node_get_string (days));
          if (!ok)
            validator_add (v, "dayOfWeek", days ? "invalid_value" : "required",
                           "must be a schema.org day (Monday…Sunday) or a list of them");
        }
    }
  g_string_truncate (v->path, 0);
}

static void
validate_listing (Validator  *v,
                  JsonObject *body)
{
  JsonObject *address, *geo;

  v_const (v, body, "@context", "https://schema.org");
  v_enum (v, body, "@type", TRUE, business_types);
  v_string (v, body, "name", TRUE, FALSE, 1, 120);
  v_string (v, body, "description", FALSE, FALSE, 0, 5000);
  if ((address = v_object (v, body, "address", TRUE)) != NULL)
    {
      g_string_assign (v->path, "address");
      v_const (v, address, "@type", "PostalAddress");
      v_string (v, address, "streetAddress", TRUE, FALSE, 1, 200);
      v_string (v, address, "postalCode", TRUE, FALSE, 5, 5);
      v_pattern (v, address, "postalCode", FALSE, "^[0-9]{5}$", "five digits");
      v_string (v, address, "addressLocality", TRUE, FALSE, 1, 100);
      v_const (v, address, "addressCountry", "FR");
      g_string_truncate (v->path, 0);
    }
  if ((geo = v_object (v, body, "geo", FALSE)) != NULL)
    {
      g_string_assign (v->path, "geo");
      v_const (v, geo, "@type", "GeoCoordinates");
      v_number (v, geo, "latitude", -90, 90, FALSE);
      v_number (v, geo, "longitude", -180, 180, FALSE);
      g_string_truncate (v->path, 0);
    }
  v_pattern (v, body, "telephone", FALSE, "^\\+?[0-9 .]{6,20}$", "a phone number");
  v_string (v, body, "email", FALSE, FALSE, 3, 254);
  v_pattern (v, body, "email", FALSE, "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", "an e-mail address");
  v_string (v, body, "url", FALSE, FALSE, 1, 500);
  v_pattern (v, body, "url", FALSE, URL_RE, "an http(s) URL");
  v_string (v, body, "logo", FALSE, FALSE, 1, 500);
  v_pattern (v, body, "logo", FALSE, URL_RE, "an http(s) URL");
  v_url_array (v, body, "sameAs");
  v_url_array (v, body, "image");
  v_hours (v, body, "openingHoursSpecification", FALSE);
  v_hours (v, body, "specialOpeningHoursSpecification", TRUE);
}

static void
validate_offer (Validator  *v,
                JsonObject *body)
{
  static const char * const availability[] = {
    "https://schema.org/InStock", "https://schema.org/OutOfStock",
    "https://schema.org/LimitedAvailability", "https://schema.org/PreOrder", NULL
  };
  static const char * const unit_codes[] = { "H87", "KGM", "GRM", "LTR", NULL };
  JsonObject *item, *qty;

  v_const (v, body, "@context", "https://schema.org");
  v_const (v, body, "@type", "Offer");
  if (json_object_has_member (body, "price")
      && json_node_get_value_type (json_object_get_member (body, "price")) != G_TYPE_STRING)
    validator_add (v, "price", "invalid_type",
                   "must be a string with two decimals, such as \"12.50\" (not a JSON number)");
  else if (v_string (v, body, "price", TRUE, FALSE, 4, 10) != NULL)
    v_pattern (v, body, "price", FALSE, "^(0|[1-9][0-9]{0,6})\\.[0-9]{2}$",
               "a decimal string with two decimals and a dot, such as \"12.50\"");
  v_const (v, body, "priceCurrency", "EUR");
  if (json_object_has_member (body, "availability"))
    v_enum (v, body, "availability", FALSE, availability);
  if ((qty = v_object (v, body, "eligibleQuantity", FALSE)) != NULL)
    {
      g_string_assign (v->path, "eligibleQuantity");
      v_const (v, qty, "@type", "QuantitativeValue");
      v_number (v, qty, "value", 0, 1e6, TRUE);
      v_enum (v, qty, "unitCode", TRUE, unit_codes);
      g_string_truncate (v->path, 0);
    }
  if ((item = v_object (v, body, "itemOffered", TRUE)) != NULL)
    {
      g_string_assign (v->path, "itemOffered");
      v_const (v, item, "@type", "Product");
      v_string (v, item, "name", TRUE, FALSE, 1, 140);
      v_string (v, item, "description", FALSE, FALSE, 0, 5000);
      v_string (v, item, "category", FALSE, FALSE, 0, 80);
      v_string (v, item, "sku", FALSE, FALSE, 0, 64);
      v_gtin (v, item, "gtin");
      v_url_array (v, item, "image");
      g_string_truncate (v->path, 0);
    }
}

/* The stored document: the writable members sent, plus the server's own. */
static JsonObject *
ld_document (JsonObject *body,
             JsonObject *current,
             const char *identifier,
             const char *at_id)
{
  JsonObject *doc = json_object_new ();
  GList *members = json_object_get_members (body);

  json_object_set_string_member (doc, "@context", "https://schema.org");
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      if (strcmp (name, "@id") == 0 || strcmp (name, "identifier") == 0 || strcmp (name, "version") == 0
          || strcmp (name, "dateModified") == 0 || strcmp (name, "@context") == 0)
        continue;
      json_object_set_member (doc, name, json_node_copy (json_object_get_member (body, name)));
    }
  g_list_free (members);
  if (strcmp (json_object_get_string_member (doc, "@type"), "Offer") == 0
      && !json_object_has_member (doc, "availability"))
    json_object_set_string_member (doc, "availability", "https://schema.org/InStock");
  json_object_set_string_member (doc, "@id", at_id);
  json_object_set_string_member (doc, "identifier", identifier);
  if (current != NULL)
    json_object_set_int_member (doc, "version", json_object_get_int_member (current, "version"));
  return doc;
}

static JsonObject *
read_valid (SandboxReq *req,
            gboolean    offer)
{
  g_autoptr(JsonObject) body = sandbox_read_body (req);
  Validator v;

  if (body == NULL)
    return NULL;
  validator_init (&v);
  if (offer)
    validate_offer (&v, body);
  else
    validate_listing (&v, body);
  if (validator_failed (&v))
    {
      sandbox_problem_fields (req, json_array_ref (v.errors));
      validator_clear (&v);
      return NULL;
    }
  validator_clear (&v);
  return g_steal_pointer (&body);
}

static JsonObject *
moderation_object (Sandbox    *sb,
                   const char *listing)
{
  JsonObject *m = sandbox_obj_load (sb, listing, "moderation", listing);

  if (m == NULL)
    return NULL;
  json_object_remove_member (m, "id");
  json_object_remove_member (m, "version");
  json_object_remove_member (m, "created_at");
  json_object_remove_member (m, "updated_at");
  return m;
}

static void
set_moderation (Sandbox    *sb,
                const char *listing,
                const char *state,
                const char *reason,
                gint64      listing_version)
{
  g_autoptr(JsonObject) m = sandbox_obj_load (sb, listing, "moderation", listing);
  g_autofree char *now = sandbox_now (sb);

  if (m == NULL)
    {
      m = json_object_new ();
      json_object_set_string_member (m, "id", listing);
    }
  json_object_set_string_member (m, "state", state);
  if (reason != NULL)
    json_object_set_string_member (m, "reason", reason);
  else
    json_object_set_null_member (m, "reason");
  json_object_set_int_member (m, "listing_version", listing_version);
  if (strcmp (state, "pending") == 0)
    json_object_set_null_member (m, "moderated_at");
  else
    json_object_set_string_member (m, "moderated_at", now);
  sandbox_obj_save (sb, listing, "moderation", m);
}

gboolean
sandbox_listing_moderate (Sandbox    *sb,
                          const char *listing,
                          gboolean    publish,
                          const char *reason)
{
  g_autoptr(JsonObject) doc = sandbox_obj_load (sb, listing, "listing", listing);

  if (doc == NULL)
    return FALSE;
  set_moderation (sb, listing, publish ? "published" : "rejected", publish ? NULL : reason,
                  json_object_get_int_member (doc, "version"));
  return TRUE;
}

static void
listing_route (SandboxReq *req)
{
  g_autoptr(JsonObject) current = sandbox_obj_load (req->sb, req->scope, "listing", req->scope);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *at_id = NULL;

  if (strcmp (req->method, "GET") == 0)
    {
      if (current == NULL)
        sandbox_problem (req, 404, "not-found", "Not found", "This shop has no listing yet; PUT one.");
      else
        sandbox_respond_object (req, SOUP_STATUS_OK, LD_CONTENT_TYPE, current, NULL);
      return;
    }
  if (strcmp (req->method, "PUT") != 0)
    {
      sandbox_problem (req, 405, "method-not-allowed", "Method not allowed", "Use GET or PUT.");
      return;
    }
  if (!sandbox_check_if_match (req, current))
    return;
  if ((body = read_valid (req, FALSE)) == NULL)
    return;
  at_id = g_strdup_printf ("%s%s/listing", req->sb->origin, SANDBOX_DIRECTORY_PREFIX);
  doc = ld_document (body, current, req->scope, at_id);
  sandbox_obj_save (req->sb, req->scope, "listing", doc);
  set_moderation (req->sb, req->scope, "pending", NULL, json_object_get_int_member (doc, "version"));
  sandbox_respond_object (req, current ? SOUP_STATUS_OK : SOUP_STATUS_CREATED, LD_CONTENT_TYPE, doc, NULL);
}

static void
offers_route (SandboxReq *req,
              const char *id)
{
  g_autoptr(JsonObject) current = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) doc = NULL;
  g_autofree char *new_id = NULL;
  g_autofree char *at_id = NULL;

  if (id == NULL && strcmp (req->method, "GET") == 0)
    {
      sandbox_list (req, "offer", NULL);
      return;
    }
  if (id == NULL && strcmp (req->method, "POST") == 0)
    {
      if ((body = read_valid (req, TRUE)) == NULL)
        return;
      new_id = sandbox_new_id (req->sb, "off");
      at_id = g_strdup_printf ("%s%s/offers/%s", req->sb->origin, SANDBOX_DIRECTORY_PREFIX, new_id);
      doc = ld_document (body, NULL, new_id, at_id);
      sandbox_obj_save (req->sb, req->scope, "offer", doc);
      sandbox_respond_object (req, SOUP_STATUS_CREATED, LD_CONTENT_TYPE, doc, at_id);
      return;
    }
  if (id == NULL)
    {
      sandbox_problem (req, 405, "method-not-allowed", "Method not allowed", "Use GET or POST.");
      return;
    }

  current = sandbox_obj_load (req->sb, req->scope, "offer", id);
  if (current == NULL)
    sandbox_problem (req, 404, "not-found", "Not found", "No such offer.");
  else if (strcmp (req->method, "GET") == 0)
    sandbox_respond_object (req, SOUP_STATUS_OK, LD_CONTENT_TYPE, current, NULL);
  else if (strcmp (req->method, "PUT") == 0)
    {
      if (!sandbox_check_if_match (req, current) || (body = read_valid (req, TRUE)) == NULL)
        return;
      doc = ld_document (body, current, id, json_object_get_string_member (current, "@id"));
      sandbox_obj_save (req->sb, req->scope, "offer", doc);
      sandbox_respond_object (req, SOUP_STATUS_OK, LD_CONTENT_TYPE, doc, NULL);
    }
  else if (strcmp (req->method, "DELETE") == 0)
    {
      if (!sandbox_check_if_match (req, current))
        return;
      sandbox_obj_delete (req->sb, req->scope, "offer", id);
      soup_server_message_set_status (req->msg, SOUP_STATUS_NO_CONTENT, NULL);
    }
  else
    sandbox_problem (req, 405, "method-not-allowed", "Method not allowed", "Use GET, PUT or DELETE.");
}

void
sandbox_directory_route (SandboxReq *req)
{
  g_auto(GStrv) parts = g_strsplit (req->rest + 1, "/", 4);
  guint n = g_strv_length (parts);

  for (guint i = 0; i < n; i++)
    if (*parts[i] == '\0')
      n = 0;

  if (n == 1 && strcmp (parts[0], "listing") == 0)
    listing_route (req);
  else if (n == 2 && strcmp (parts[0], "listing") == 0 && strcmp (parts[1], "moderation") == 0)
    {
      g_autoptr(JsonObject) m = moderation_object (req->sb, req->scope);

      if (strcmp (req->method, "GET") != 0)
        sandbox_problem (req, 405, "method-not-allowed", "Method not allowed", "Use GET.");
      else if (m == NULL)
        sandbox_problem (req, 404, "not-found", "Not found", "This shop has no listing yet.");
      else
        sandbox_respond_json (req, SOUP_STATUS_OK, NULL, m);
    }
  else if ((n == 1 || n == 2) && strcmp (parts[0], "offers") == 0)
    offers_route (req, parts[1]);
  else if (n == 1 && strcmp (parts[0], "media") == 0 && strcmp (req->method, "POST") == 0)
    sandbox_media_upload (req, SANDBOX_DIRECTORY_PREFIX);
  else
    sandbox_problem (req, 404, "not-found", "Not found", "No such endpoint.");
}
