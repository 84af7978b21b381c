// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-marketplace"

#include "comptoir-i18n.h"

#include <string.h>

#include "comptoir-error.h"
#include "comptoir-marketplace.h"
#include "comptoir-marketplace-private.h"
#include "comptoir-shop-jsonld.h"

typedef struct _ComptoirMarketplace ComptoirMarketplace;
typedef struct _ComptoirMarketplaceClass ComptoirMarketplaceClass;

struct _ComptoirMarketplace
{
  ComptoirConnector parent_instance;
};

struct _ComptoirMarketplaceClass
{
  ComptoirConnectorClass parent_class;
};

static void platform_iface_init (ComptoirPlatformInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ComptoirMarketplace, comptoir_marketplace, COMPTOIR_TYPE_CONNECTOR,
                               G_IMPLEMENT_INTERFACE (COMPTOIR_TYPE_PLATFORM, platform_iface_init))

#define CONNECTOR(self) COMPTOIR_CONNECTOR (self)

/* Parsing what the marketplace sends */

ComptoirRemoteObject *
comptoir_marketplace_parse_remote (JsonObject            *object,
                                   ComptoirHttpResponse  *response,
                                   GError               **error)
{
  g_autoptr(ComptoirRemoteObject) remote = g_new0 (ComptoirRemoteObject, 1);
  const char *id, *url;
  gint64 version;

  if (!comptoir_json_get_string (object, "id", COMPTOIR_JSON_REQUIRED, MAX_ID, &id, error)
      || !comptoir_json_get_int (object, "version", COMPTOIR_JSON_OPTIONAL, 1, G_MAXINT64, &version, error)
      || !comptoir_json_get_string (object, "url", COMPTOIR_JSON_OPTIONAL, 2000, &url, error))
    return NULL;
  remote->id = g_strdup (id);
  remote->version = version ? version : (response ? response->version : 0);
  remote->url = g_strdup (url);
  remote->replayed = response ? response->replayed : FALSE;
  return g_steal_pointer (&remote);
}

gpointer
comptoir_marketplace_parse_remote_response (ComptoirConnector     *self,
                                            ComptoirHttpResponse  *response,
                                            GError               **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = comptoir_connector_response_object (response, &root, error);

  return object ? comptoir_marketplace_parse_remote (object, response, error) : NULL;
}

/* Building what the marketplace takes */

void
comptoir_marketplace_set_nullable_string (JsonObject *object,
                                          const char *member,
                                          const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (object, member, value);
  else
    json_object_set_null_member (object, member);
}

static const char *
json_ld_string (JsonObject *object,
                const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static char *
day_name (const char *schema_day)
{
  const char *slash = strrchr (schema_day, '/');

  return g_ascii_strdown (slash ? slash + 1 : schema_day, -1);
}

/* JSON-LD times may carry seconds; the marketplace takes HH:MM. */
static void
set_time (JsonObject *object,
          const char *member,
          const char *value)
{
  g_autofree char *hh_mm = g_strndup (value, 5);
  json_object_set_string_member (object, member, hh_mm);
}

static void
add_weekly_hours (JsonArray  *hours,
                  JsonObject *spec)
{
  JsonNode *days = json_object_get_member (spec, "dayOfWeek");
  const char *opens = json_ld_string (spec, "opens");
  const char *closes = json_ld_string (spec, "closes");
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (days == NULL || opens == NULL || closes == NULL)
    return;
  if (JSON_NODE_HOLDS_ARRAY (days))
    {
      JsonArray *array = json_node_get_array (days);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *day = json_array_get_element (array, i);
          if (JSON_NODE_HOLDS_VALUE (day) && json_node_get_value_type (day) == G_TYPE_STRING)
            g_ptr_array_add (names, day_name (json_node_get_string (day)));
        }
    }
  else if (JSON_NODE_HOLDS_VALUE (days) && json_node_get_value_type (days) == G_TYPE_STRING)
    g_ptr_array_add (names, day_name (json_node_get_string (days)));

  for (guint i = 0; i < names->len; i++)
    {
      JsonObject *range = json_object_new ();

      json_object_set_string_member (range, "day", names->pdata[i]);
      set_time (range, "opens", opens);
      set_time (range, "closes", closes);
      json_array_add_object_element (hours, range);
    }
}

static void
add_special_hours (JsonArray  *hours,
                   JsonObject *spec)
{
  const char *from = json_ld_string (spec, "validFrom");
  const char *through = json_ld_string (spec, "validThrough");
  const char *opens = json_ld_string (spec, "opens");
  const char *closes = json_ld_string (spec, "closes");
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) last = NULL;
  g_autofree char *from_midnight = NULL;
  g_autofree char *through_midnight = NULL;
  gboolean closed;

  if (from == NULL || opens == NULL || closes == NULL)
    return;
  through = through ? through : from;
  from_midnight = g_strconcat (from, "T00:00:00Z", NULL);
  through_midnight = g_strconcat (through, "T00:00:00Z", NULL);
  day = g_date_time_new_from_iso8601 (from_midnight, NULL);
  last = g_date_time_new_from_iso8601 (through_midnight, NULL);
  if (day == NULL || last == NULL)
    return;
  /* schema.org writes a closure as 00:00–00:00. */
  closed = g_str_has_prefix (opens, "00:00") && g_str_has_prefix (closes, "00:00");

  /* One entry per date, for ranges of up to two months. */
  for (guint n = 0; n < 62 && g_date_time_compare (day, last) <= 0; n++)
    {
      JsonObject *entry = json_object_new ();
      g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");
      GDateTime *next;

      json_object_set_string_member (entry, "date", date);
      json_object_set_boolean_member (entry, "closed", closed);
      if (closed)
        {
          json_object_set_null_member (entry, "opens");
          json_object_set_null_member (entry, "closes");
        }
      else
        {
          set_time (entry, "opens", opens);
          set_time (entry, "closes", closes);
        }
      json_array_add_object_element (hours, entry);
      next = g_date_time_add_days (day, 1);
      g_date_time_unref (day);
      day = next;
    }
}

/* The app describes its shop once, as schema.org JSON-LD; the marketplace
 * takes its own shape of the same facts, plus the services JSON-LD has no
 * words for (click & collect, delivery). */
static JsonObject *
shop_input (JsonObject   *ld,
            ComptoirShop *shop)
{
  JsonObject *object = json_object_new ();
  JsonObject *address = json_object_get_member (ld, "address") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (ld, "address"))
                        ? json_object_get_object_member (ld, "address") : NULL;
  JsonArray *weekly = json_array_new ();
  JsonArray *special = json_array_new ();
  JsonNode *node;

  json_object_set_string_member (object, "name", json_ld_string (ld, "name") ? json_ld_string (ld, "name") : "");
  comptoir_marketplace_set_nullable_string (object, "description", json_ld_string (ld, "description"));
  comptoir_marketplace_set_nullable_string (object, "phone", json_ld_string (ld, "telephone"));
  comptoir_marketplace_set_nullable_string (object, "email", json_ld_string (ld, "email"));
  comptoir_marketplace_set_nullable_string (object, "website", json_ld_string (ld, "url"));
  if (address != NULL)
    {
      JsonObject *out = json_object_new ();

      json_object_set_string_member (out, "street", json_ld_string (address, "streetAddress") ?: "");
      json_object_set_string_member (out, "postal_code", json_ld_string (address, "postalCode") ?: "");
      json_object_set_string_member (out, "city", json_ld_string (address, "addressLocality") ?: "");
      json_object_set_string_member (out, "country", "FR");
      json_object_set_object_member (object, "address", out);
    }
  json_object_set_null_member (object, "logo");
  json_object_set_null_member (object, "cover");

  node = json_object_get_member (ld, "openingHoursSpecification");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
      {
        JsonNode *spec = json_array_get_element (json_node_get_array (node), i);
        if (JSON_NODE_HOLDS_OBJECT (spec))
          add_weekly_hours (weekly, json_node_get_object (spec));
      }
  node = json_object_get_member (ld, "specialOpeningHoursSpecification");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
      {
        JsonNode *spec = json_array_get_element (json_node_get_array (node), i);
        if (JSON_NODE_HOLDS_OBJECT (spec))
          add_special_hours (special, json_node_get_object (spec));
      }
  json_object_set_array_member (object, "opening_hours", weekly);
  json_object_set_array_member (object, "special_hours", special);

  json_object_set_boolean_member (object, "click_and_collect", comptoir_shop_get_click_and_collect (shop));
  {
    JsonObject *delivery = json_object_new ();
    gint64 free_above = comptoir_shop_get_delivery_free_above_cents (shop);

    json_object_set_boolean_member (delivery, "enabled", comptoir_shop_get_delivery (shop));
    json_object_set_int_member (delivery, "radius_km", MIN (comptoir_shop_get_delivery_radius_km (shop), 200));
    json_object_set_int_member (delivery, "fee_cents", CLAMP (comptoir_shop_get_delivery_fee_cents (shop), 0, 100000));
    if (free_above > 0)
      json_object_set_int_member (delivery, "free_above_cents", free_above);
    else
      json_object_set_null_member (delivery, "free_above_cents");
    json_object_set_object_member (object, "delivery", delivery);
  }
  return object;
}

/* Tokens */

typedef struct
{
  char *access_token;
  char *refresh_token;
} Tokens;

static void
tokens_free (Tokens *tokens)
{
  if (tokens == NULL)
    return;
  if (tokens->access_token)
    memset (tokens->access_token, 0, strlen (tokens->access_token));
  if (tokens->refresh_token)
    memset (tokens->refresh_token, 0, strlen (tokens->refresh_token));
  g_free (tokens->access_token);
  g_free (tokens->refresh_token);
  g_free (tokens);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Tokens, tokens_free)

static Tokens *
parse_tokens (ComptoirHttpResponse  *response,
              GError               **error)
{
  static const char * const types[] = { "Bearer", NULL };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object = comptoir_connector_response_object (response, &root, error);
  const char *access, *refresh, *type;
  gint64 expires_in;
  Tokens *tokens;

  if (object == NULL
      || !comptoir_json_get_string (object, "access_token", COMPTOIR_JSON_REQUIRED, 512, &access, error)
      || !comptoir_json_get_string (object, "refresh_token", COMPTOIR_JSON_REQUIRED, 512, &refresh, error)
      || !comptoir_json_get_enum (object, "token_type", COMPTOIR_JSON_REQUIRED, types, &type, error)
      || !comptoir_json_get_int (object, "expires_in", COMPTOIR_JSON_REQUIRED, 1, G_MAXINT32, &expires_in, error))
    return NULL;
  if (*access == '\0' || *refresh == '\0')
    {
      comptoir_json_set_protocol_error (error, "access_token");
      return NULL;
    }
  tokens = g_new0 (Tokens, 1);
  tokens->access_token = g_strdup (access);
  tokens->refresh_token = g_strdup (refresh);
  return tokens;
}

static void
send_auth_request (ComptoirMarketplace *self,
                   const char          *path,
                   JsonObject          *body,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autofree char *url = comptoir_connector_url (CONNECTOR (self), path, NULL, NULL);
  g_autoptr(GBytes) bytes = comptoir_json_object_to_bytes (body);
  ComptoirHttpRequest request = {
    .method = "POST",
    .url = url,
    .content_type = "application/json",
    .body = bytes,
  };

  comptoir_connector_send_async (CONNECTOR (self), &request, FALSE, cancellable, callback, user_data);
}

static void
revoke_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ComptoirHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = comptoir_connector_send_finish (COMPTOIR_CONNECTOR (source), result, &error);
  if (response == NULL)
    g_debug ("Revoking failed: %s", error->message);
}

static void
revoke (ComptoirMarketplace *self,
        const char          *token,
        GCancellable        *cancellable,
        GAsyncReadyCallback  callback,
        gpointer             user_data)
{
  g_autoptr(JsonObject) body = json_object_new ();

  json_object_set_string_member (body, "token", token);
  send_auth_request (self, "/auth/revoke", body, cancellable,
                     callback ? callback : revoke_done_cb, user_data);
}

/* Sign in */

static void
sign_in_stored_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ComptoirMarketplace *self = g_task_get_source_object (task);
  Tokens *tokens = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!comptoir_connector_store_secrets_finish (CONNECTOR (self), result, &error))
    {
      /* Not kept in the keyring: not kept at all, and not left valid. */
      revoke (self, tokens->refresh_token, NULL, NULL, NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  comptoir_connector_set_credential (CONNECTOR (self), tokens->access_token);
  g_task_return_boolean (task, TRUE);
}

static void
sign_in_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ComptoirMarketplace *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirHttpResponse) response = comptoir_connector_send_finish (CONNECTOR (self), result, &error);
  Tokens *tokens;
  const char *secrets[3];
  static const ComptoirSecretKind kinds[] = { COMPTOIR_SECRET_ACCESS_TOKEN, COMPTOIR_SECRET_REFRESH_TOKEN };

  if (response == NULL || (tokens = parse_tokens (response, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_set_task_data (task, tokens, (GDestroyNotify) tokens_free);
  secrets[0] = tokens->access_token;
  secrets[1] = tokens->refresh_token;
  secrets[2] = NULL;
  comptoir_connector_store_secrets_async (CONNECTOR (self), secrets, kinds, g_task_get_cancellable (task),
                                          sign_in_stored_cb, g_object_ref (task));
}

static void
marketplace_sign_in (ComptoirPlatform *platform,
                     const char       *login,
                     const char       *secret,
                     GTask            *task)
{
  ComptoirMarketplace *self = (ComptoirMarketplace *) platform;
  g_autoptr(JsonObject) body = json_object_new ();

  json_object_set_string_member (body, "email", login);
  json_object_set_string_member (body, "password", secret);
  send_auth_request (self, "/auth/token", body, g_task_get_cancellable (task), sign_in_cb, task);
  memset ((gpointer) json_object_get_string_member (body, "password"), 0, strlen (secret));
}

/* Refresh (called by the connector on an expired token) */

static void
refresh_stored_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* The new token works in memory even if the keyring refused it. */
  if (!comptoir_secrets_store_finish (result, &error))
    g_debug ("Could not keep the renewed token: %s", error->message);
  g_task_return_boolean (task, TRUE);
}

static void
refresh_http_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ComptoirMarketplace *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirHttpResponse) response = comptoir_connector_send_finish (CONNECTOR (self), result, &error);
  g_autoptr(Tokens) tokens = NULL;

  if (response == NULL || (tokens = parse_tokens (response, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  comptoir_connector_set_credential (CONNECTOR (self), tokens->access_token);
  comptoir_secrets_store_async (comptoir_connector_get_account_id (CONNECTOR (self)),
                                COMPTOIR_SECRET_ACCESS_TOKEN,
                                comptoir_connector_get_platform_name (CONNECTOR (self)),
                                tokens->access_token, g_task_get_cancellable (task),
                                refresh_stored_cb, g_object_ref (task));
}

static void
refresh_lookup_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ComptoirMarketplace *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirSecret) refresh_token = comptoir_secrets_lookup_finish (result, &error);
  g_autoptr(JsonObject) body = NULL;

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (refresh_token == NULL)
    {
      g_task_return_new_error (task, COMPTOIR_ERROR, COMPTOIR_ERROR_AUTH,
                               _("The platform has closed your session. Sign in again."));
      return;
    }
  body = json_object_new ();
  json_object_set_string_member (body, "refresh_token", refresh_token);
  send_auth_request (self, "/auth/refresh", body, g_task_get_cancellable (task),
                     refresh_http_cb, g_object_ref (task));
}

static void
marketplace_refresh_async (ComptoirConnector   *connector,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task = g_task_new (connector, cancellable, callback, user_data);

  comptoir_secrets_lookup_async (comptoir_connector_get_account_id (connector),
                                 COMPTOIR_SECRET_REFRESH_TOKEN, cancellable, refresh_lookup_cb, task);
}

static gboolean
marketplace_refresh_finish (ComptoirConnector  *connector,
                            GAsyncResult       *result,
                            GError            **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Sign out */

static void
sign_out_revoked_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirHttpResponse) response = comptoir_connector_send_finish (COMPTOIR_CONNECTOR (source), result, &error);

  comptoir_connector_set_credential (COMPTOIR_CONNECTOR (source), NULL);
  if (response == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
sign_out_lookup_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ComptoirMarketplace *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirSecret) refresh_token = comptoir_secrets_lookup_finish (result, &error);

  if (refresh_token == NULL)
    {
      comptoir_connector_set_credential (CONNECTOR (self), NULL);
      if (error != NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_boolean (task, TRUE);
      return;
    }
  /* Revoking the refresh token revokes its access tokens too. */
  revoke (self, refresh_token, g_task_get_cancellable (task), sign_out_revoked_cb, g_object_ref (task));
}

static void
marketplace_sign_out (ComptoirPlatform *platform,
                      GTask            *task)
{
  ComptoirConnector *self = COMPTOIR_CONNECTOR (platform);

  comptoir_secrets_lookup_async (comptoir_connector_get_account_id (self), COMPTOIR_SECRET_REFRESH_TOKEN,
                                 g_task_get_cancellable (task), sign_out_lookup_cb, task);
}

/* Pushes with pictures (see ComptoirMarketplacePush) */

void
comptoir_marketplace_push_free (ComptoirMarketplacePush *data)
{
  g_free (data->method);
  g_free (data->url);
  g_free (data->idempotency_key);
  g_clear_object (&data->shop);
  g_clear_object (&data->product);
  g_free (data);
}

ComptoirMarketplacePush *
comptoir_marketplace_push_new (const char             *method,
                               char                   *url,
                               const ComptoirMutation *mutation)
{
  ComptoirMarketplacePush *data = g_new0 (ComptoirMarketplacePush, 1);

  data->method = g_strdup (method);
  data->url = url;
  data->idempotency_key = mutation ? g_strdup (mutation->idempotency_key) : NULL;
  data->if_match = mutation ? mutation->if_match : 0;
  return data;
}

void
comptoir_marketplace_push_pictures_cb (GObject      *source,
                                       GAsyncResult *result,
                                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ComptoirConnector *self = COMPTOIR_CONNECTOR (source);
  ComptoirMarketplacePush *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) media = comptoir_connector_upload_pictures_finish (self, result, &error);
  g_autoptr(JsonObject) body = NULL;
  ComptoirMutation mutation = { data->idempotency_key, data->if_match };

  /* Nothing is pushed without its pictures: a profile sent with a null
   * logo would erase the one the merchant set. */
  if (media == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (data->shop != NULL)
    {
      g_autoptr(JsonNode) ld = comptoir_shop_to_json_ld (data->shop, NULL);
      guint next = 0;

      body = shop_input (json_node_get_object (ld), data->shop);
      if (data->has_logo)
        json_object_set_string_member (body, "logo", ((ComptoirRemoteObject *) media->pdata[next++])->id);
      if (next < media->len)
        json_object_set_string_member (body, "cover", ((ComptoirRemoteObject *) media->pdata[next])->id);
    }
  else
    {
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();

      for (guint i = 0; i < media->len; i++)
        g_ptr_array_add (ids, ((ComptoirRemoteObject *) media->pdata[i])->id);
      g_ptr_array_add (ids, NULL);
      body = comptoir_marketplace_product_input (data->product, (const char * const *) ids->pdata);
    }
  comptoir_connector_call (self, data->method, data->url, body, NULL, &mutation, comptoir_marketplace_parse_remote_response,
                           (GDestroyNotify) comptoir_remote_object_free, g_steal_pointer (&task));
}

static gboolean
nonempty (const char *s)
{
  return s != NULL && *s != '\0';
}

/* The logo and cover are uploaded (the same image again is not copied:
 * see comptoir_connector_upload_pictures_async()) and sent by media id;
 * a shop without one sends null, which the document reads as none. */
static void
marketplace_push_shop (ComptoirPlatform       *platform,
                       ComptoirShop           *shop,
                       const char             *media_base_url,
                       const ComptoirMutation *mutation,
                       GTask                  *task)
{
  ComptoirConnector *self = COMPTOIR_CONNECTOR (platform);
  ComptoirMarketplacePush *data = comptoir_marketplace_push_new ("PUT", comptoir_connector_url (self, "/shop", NULL, NULL), mutation);
  const char *hashes[3] = { NULL, NULL, NULL };
  guint n = 0;

  data->shop = g_object_ref (shop);
  data->has_logo = nonempty (comptoir_shop_get_logo_hash (shop));
  if (data->has_logo)
    hashes[n++] = comptoir_shop_get_logo_hash (shop);
  if (nonempty (comptoir_shop_get_cover_hash (shop)))
    hashes[n++] = comptoir_shop_get_cover_hash (shop);
  g_task_set_task_data (task, data, (GDestroyNotify) comptoir_marketplace_push_free);
  comptoir_connector_upload_pictures_async (self, hashes, g_task_get_cancellable (task), comptoir_marketplace_push_pictures_cb, task);
}

static void
marketplace_upload_media (ComptoirPlatform       *platform,
                          GBytes                 *bytes,
                          const char             *content_type,
                          const ComptoirMutation *mutation,
                          GTask                  *task)
{
  ComptoirConnector *self = COMPTOIR_CONNECTOR (platform);
  g_autofree char *url = comptoir_connector_url (self, "/media", NULL, NULL);

  comptoir_connector_call_raw (self, "POST", url, bytes, content_type, mutation, comptoir_marketplace_parse_remote_response,
                               (GDestroyNotify) comptoir_remote_object_free, task);
}

static void
platform_iface_init (ComptoirPlatformInterface *iface)
{
  iface->sign_in = marketplace_sign_in;
  iface->sign_out = marketplace_sign_out;
  iface->push_shop = marketplace_push_shop;
  iface->upload_media = marketplace_upload_media;
  comptoir_marketplace_products_iface_init (iface);
  comptoir_marketplace_orders_iface_init (iface);
  /* No moderation on the marketplace. */
}

static void
comptoir_marketplace_class_init (ComptoirMarketplaceClass *klass)
{
  ComptoirConnectorClass *connector_class = COMPTOIR_CONNECTOR_CLASS (klass);

  connector_class->credential_kind = COMPTOIR_SECRET_ACCESS_TOKEN;
  connector_class->refresh_async = marketplace_refresh_async;
  connector_class->refresh_finish = marketplace_refresh_finish;
}

static void
comptoir_marketplace_init (ComptoirMarketplace *self)
{
}
