// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-http"

#include "comptoir-i18n.h"

#include <libsoup/soup.h>
#include <string.h>

#include "comptoir-error.h"
#include "comptoir-http-client.h"
#include "comptoir-json.h"

#define READ_CHUNK (64 * 1024)
#define MAX_RETRY_AFTER (24 * 3600)

struct _ComptoirHttpClient
{
  GObject      parent_instance;

  SoupSession *session;
  guint        request_seconds;
  gsize        max_size;
};

G_DEFINE_FINAL_TYPE (ComptoirHttpClient, comptoir_http_client, G_TYPE_OBJECT)

typedef struct
{
  SoupMessage  *message;
  GInputStream *stream;
  GByteArray   *buffer;
  GCancellable *cancellable;   /* ours: cancelled by the caller's or the timer */
  GCancellable *caller_cancellable;
  gulong        caller_handler;
  guint         timeout_id;
  gboolean      timed_out;
  char         *method;
  char         *url;
} SendData;

static void
send_data_free (SendData *data)
{
  g_clear_handle_id (&data->timeout_id, g_source_remove);
  if (data->caller_handler != 0)
    g_cancellable_disconnect (data->caller_cancellable, data->caller_handler);
  g_clear_object (&data->caller_cancellable);
  g_clear_object (&data->cancellable);
  g_clear_object (&data->stream);
  g_clear_object (&data->message);
  g_clear_pointer (&data->buffer, g_byte_array_unref);
  g_free (data->method);
  g_free (data->url);
  g_free (data);
}

void
comptoir_http_response_free (ComptoirHttpResponse *response)
{
  if (response == NULL)
    return;
  g_clear_pointer (&response->body, g_bytes_unref);
  g_free (response);
}

/**
 * comptoir_http_response_get_json:
 *
 * Returns: (transfer full): the body parsed as JSON.
 */
JsonNode *
comptoir_http_response_get_json (ComptoirHttpResponse  *response,
                                 GError               **error)
{
  g_return_val_if_fail (response != NULL, NULL);
  return comptoir_json_parse (response->body, error);
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * comptoir_http_check_url:
 * @url: a platform address
 * @error: a #GError
 *
 * Platforms are reached over HTTPS only; plain HTTP is allowed on this
 * computer (127.0.0.0/8, ::1, localhost), for the sandbox. Checked before
 * any connection is made.
 */
gboolean
comptoir_http_check_url (const char  *url,
                         GError     **error)
{
  g_autoptr(GUri) uri = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *scheme;

  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                           _("This is not a web address. Type the platform’s address, "
                             "for example https://marche.example.fr."));
      return FALSE;
    }
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (scheme, "http") == 0 && host_is_loopback (g_uri_get_host (uri)))
    return TRUE;
  if (g_ascii_strcasecmp (scheme, "http") == 0)
    g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                         _("This address is not secure (it starts with http://). Comptoir only "
                           "connects to platforms over https://, so that nobody can read your "
                           "passwords and orders on the way."));
  else
    g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                         _("This is not a web address. Type the platform’s address, "
                           "for example https://marche.example.fr."));
  return FALSE;
}

static const struct
{
  const char *field;
  const char *label;
} field_labels[] = {
  { "name", NC_("field", "name") },
  { "description", NC_("field", "description") },
  { "price_cents", NC_("field", "price") },
  { "price", NC_("field", "price") },
  { "vat_rate", NC_("field", "VAT rate") },
  { "stock", NC_("field", "stock") },
  { "unit", NC_("field", "unit") },
  { "category", NC_("field", "category") },
  { "gtin", NC_("field", "barcode") },
  { "sku", NC_("field", "reference") },
  { "photos", NC_("field", "photos") },
  { "image", NC_("field", "photos") },
  { "logo", NC_("field", "logo") },
  { "variants", NC_("field", "variants") },
  { "options", NC_("field", "options") },
  { "phone", NC_("field", "phone number") },
  { "telephone", NC_("field", "phone number") },
  { "email", NC_("field", "e-mail address") },
  { "password", NC_("field", "password") },
  { "website", NC_("field", "web site") },
  { "url", NC_("field", "web site") },
  { "sameAs", NC_("field", "social links") },
  { "street", NC_("field", "street") },
  { "streetAddress", NC_("field", "street") },
  { "postal_code", NC_("field", "postcode") },
  { "postalCode", NC_("field", "postcode") },
  { "city", NC_("field", "town") },
  { "addressLocality", NC_("field", "town") },
  { "opening_hours", NC_("field", "opening hours") },
  { "openingHoursSpecification", NC_("field", "opening hours") },
  { "special_hours", NC_("field", "exceptional hours") },
  { "specialOpeningHoursSpecification", NC_("field", "exceptional hours") },
  { "reason", NC_("field", "reason") },
  { "lines", NC_("field", "order lines") },
  { "quantity", NC_("field", "quantity") },
};

/* The platform names fields with paths ("variants[1].price_cents",
 * "itemOffered.name"): we show our own French label of its first known
 * segment, never the server's text. */
static const char *
field_label (const char *path)
{
  g_auto(GStrv) parts = g_strsplit_set (path, ".[", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    for (guint j = 0; j < G_N_ELEMENTS (field_labels); j++)
      if (g_str_equal (parts[i], field_labels[j].field))
        return g_dpgettext2 (GETTEXT_PACKAGE, "field", field_labels[j].label);
  return NULL;
}

static char *
invalid_fields_message (const char * const *fields)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; fields != NULL && fields[i] != NULL; i++)
    {
      const char *label = field_label (fields[i]);
      gboolean seen = FALSE;

      if (label == NULL)
        continue;
      for (guint j = 0; j < labels->len; j++)
        seen |= g_str_equal (labels->pdata[j], label);
      if (!seen)
        g_ptr_array_add (labels, (gpointer) label);
    }
  if (labels->len == 0)
    return g_strdup (_("The platform refused some of the information. Check it, then try again."));
  for (guint i = 0; i < labels->len; i++)
    {
      if (i > 0)
        g_string_append (list, ", ");
      /* TRANSLATORS: one field name inside a list of invalid fields */
      g_string_append_printf (list, C_("field list", "“%s”"), (const char *) labels->pdata[i]);
    }
  return g_strdup_printf (_("The platform refused this information: %s. Correct it, then try again."),
                          list->str);
}

static guint
parse_retry_after (SoupMessage *message)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (message), "Retry-After");
  guint64 seconds = 0;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT32, &seconds, NULL))
    return 0;
  return (guint) MIN (seconds, MAX_RETRY_AFTER);
}

static gint64
parse_etag (SoupMessage *message)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (message), "ETag");
  g_autofree char *inner = NULL;
  gint64 version = 0;
  gsize len;

  if (value == NULL)
    return 0;
  len = strlen (value);
  if (len < 3 || value[0] != '"' || value[len - 1] != '"')
    return 0;
  inner = g_strndup (value + 1, len - 2);
  if (!g_ascii_string_to_signed (inner, 10, 1, G_MAXINT64, &version, NULL))
    return 0;
  return version;
}

/* Turns a non-2xx answer into a GError with a shopkeeper's message. The
 * problem document is read for its type, current version and field names
 * only; its English text is never shown. */
static GError *
error_from_status (SoupMessage *message,
                   GBytes      *body)
{
  guint status = soup_message_get_status (message);
  const char *content_type = soup_message_headers_get_content_type (soup_message_get_response_headers (message), NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *problem = NULL;
  gint64 current_version = 0;
  guint retry_after = parse_retry_after (message);
  GError *error;
  int code;
  g_autofree char *text = NULL;

  if (content_type != NULL && strstr (content_type, "json") != NULL)
    root = comptoir_json_parse (body, NULL);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);
      const char *type = NULL;
      JsonArray *errors = NULL;

      if (comptoir_json_get_string (object, "type", COMPTOIR_JSON_OPTIONAL, 512, &type, NULL) && type != NULL)
        {
          const char *slash = strrchr (type, '/');
          problem = g_strdup (slash ? slash + 1 : type);
        }
      comptoir_json_get_int (object, "current_version", COMPTOIR_JSON_OPTIONAL, 0, G_MAXINT64,
                             &current_version, NULL);
      if (comptoir_json_get_array (object, "errors", COMPTOIR_JSON_OPTIONAL, 500, &errors, NULL) && errors != NULL)
        for (guint i = 0; i < json_array_get_length (errors) && fields->len < 50; i++)
          {
            JsonObject *item = comptoir_json_array_object (errors, i, "errors", NULL);
            const char *field = NULL;

            if (item != NULL
                && comptoir_json_get_string (item, "field", COMPTOIR_JSON_REQUIRED, 200, &field, NULL))
              g_ptr_array_add (fields, g_strdup (field));
          }
    }
  g_ptr_array_add (fields, NULL);

  if (status == SOUP_STATUS_UNAUTHORIZED)
    {
      code = COMPTOIR_ERROR_AUTH;
      if (g_strcmp0 (problem, "invalid-credentials") == 0)
        text = g_strdup (_("The e-mail address or the password is wrong."));
      else if (g_strcmp0 (problem, "api-key-invalid") == 0)
        text = g_strdup (_("The platform does not recognise this access key. Check it, or ask "
                           "the association for a new one."));
      else
        text = g_strdup (_("The platform has closed your session. Sign in again."));
    }
  else if (status == SOUP_STATUS_FORBIDDEN)
    {
      code = COMPTOIR_ERROR_AUTH;
      text = g_strdup (_("The platform does not allow this for your account."));
    }
  else if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE)
    {
      code = COMPTOIR_ERROR_NOT_FOUND;
      text = g_strdup (_("The platform does not know this item (any more)."));
    }
  else if (status == SOUP_STATUS_CONFLICT)
    {
      code = COMPTOIR_ERROR_CONFLICT;
      text = g_strdup (_("This cannot be done any more: the order changed on the platform "
                         "meanwhile. Refresh, then try again."));
    }
  else if (status == SOUP_STATUS_PRECONDITION_FAILED)
    {
      code = COMPTOIR_ERROR_CONFLICT;
      text = g_strdup (_("This was changed on the platform meanwhile. Nothing was overwritten: "
                         "check both versions, then try again."));
    }
  else if (status == SOUP_STATUS_UNPROCESSABLE_ENTITY)
    {
      code = COMPTOIR_ERROR_INVALID_INPUT;
      if (g_strcmp0 (problem, "idempotency-key-reused") == 0)
        text = g_strdup (_("The platform already received a different change under the same "
                           "reference. Nothing was applied twice."));
      else
        text = invalid_fields_message ((const char * const *) fields->pdata);
    }
  else if (status == SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE)
    {
      code = COMPTOIR_ERROR_INVALID_INPUT;
      text = g_strdup (_("This is too large for the platform. Use a smaller photo or a shorter text."));
    }
  else if (status == SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE)
    {
      code = COMPTOIR_ERROR_INVALID_INPUT;
      text = g_strdup (_("The platform does not accept this kind of picture. Use a JPEG, PNG or WebP photo."));
    }
  else if (status == 429)
    {
      code = COMPTOIR_ERROR_RATE_LIMITED;
      if (retry_after == 0)
        retry_after = 1;
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The platform is receiving too many requests. Comptoir will try again in %u second.",
                                           "The platform is receiving too many requests. Comptoir will try again in %u seconds.",
                                           retry_after),
                              retry_after);
    }
  else if (status >= 500)
    {
      code = COMPTOIR_ERROR_NETWORK;
      text = g_strdup (_("The platform has a temporary problem. Comptoir will try again later."));
    }
  else if (status >= 300 && status < 400)
    {
      code = COMPTOIR_ERROR_PROTOCOL;
      text = g_strdup (_("The platform sends Comptoir to another address. Check the platform’s address."));
    }
  else
    {
      code = COMPTOIR_ERROR_PROTOCOL;
      text = g_strdup (_("The platform did not understand Comptoir’s request. Updating Comptoir may help."));
    }

  error = g_error_new_literal (COMPTOIR_ERROR, code, text);
  comptoir_error_set_http_details (error, status, problem, retry_after, current_version,
                                   (const char **) fields->pdata);
  return error;
}

static GError *
error_from_transport (SendData *data,
                      GError   *error)
{
  if (data->timed_out)
    return g_error_new_literal (COMPTOIR_ERROR, COMPTOIR_ERROR_NETWORK,
                                _("The platform takes too long to answer. Comptoir will try again later."));
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);
  if (error->domain == G_TLS_ERROR)
    return g_error_new_literal (COMPTOIR_ERROR, COMPTOIR_ERROR_NETWORK,
                                _("The connection to the platform is not secure: its certificate "
                                  "is not valid. Comptoir sent nothing. If you use a public Wi-Fi "
                                  "network, sign in to it first, then try again."));
  return g_error_new_literal (COMPTOIR_ERROR, COMPTOIR_ERROR_NETWORK,
                              _("Comptoir cannot reach the platform. Check the internet connection; "
                                "your changes will be sent later."));
}

static void
finish_message (GTask *task)
{
  SendData *data = g_task_get_task_data (task);
  guint status = soup_message_get_status (data->message);
  g_autoptr(GBytes) body = g_byte_array_free_to_bytes (g_steal_pointer (&data->buffer));
  ComptoirHttpResponse *response;

  g_debug ("%s %s → %u (%" G_GSIZE_FORMAT " bytes)", data->method, data->url, status,
           g_bytes_get_size (body));

  if (status < 200 || status >= 300)
    {
      g_task_return_error (task, error_from_status (data->message, body));
      return;
    }

  response = g_new0 (ComptoirHttpResponse, 1);
  response->status = status;
  response->body = g_steal_pointer (&body);
  response->version = parse_etag (data->message);
  response->replayed = g_strcmp0 (soup_message_headers_get_one (soup_message_get_response_headers (data->message),
                                                                "Idempotent-Replayed"), "true") == 0;
  g_task_return_pointer (task, response, (GDestroyNotify) comptoir_http_response_free);
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SendData *data = g_task_get_task_data (task);
  ComptoirHttpClient *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);

  if (chunk == NULL)
    {
      g_task_return_error (task, error_from_transport (data, error));
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      finish_message (task);
      return;
    }
  if (data->buffer->len + g_bytes_get_size (chunk) > self->max_size)
    {
      /* Stop reading: the rest is never downloaded, the connection is dropped. */
      g_cancellable_cancel (data->cancellable);
      g_task_return_new_error (task, COMPTOIR_ERROR, COMPTOIR_ERROR_PROTOCOL,
                               _("The platform sent an answer far too large. Comptoir stopped "
                                 "reading it. Try again later; if it goes on, tell the platform."));
      return;
    }
  g_byte_array_append (data->buffer, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  g_input_stream_read_bytes_async (data->stream, READ_CHUNK, G_PRIORITY_DEFAULT, data->cancellable,
                                   read_cb, g_object_ref (task));
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SendData *data = g_task_get_task_data (task);
  ComptoirHttpClient *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;

  data->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (data->stream == NULL)
    {
      g_debug ("%s %s failed: %s", data->method, data->url, error->message);
      g_task_return_error (task, error_from_transport (data, error));
      return;
    }

  headers = soup_message_get_response_headers (data->message);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
      && soup_message_headers_get_content_length (headers) > (goffset) self->max_size)
    {
      g_cancellable_cancel (data->cancellable);
      g_task_return_new_error (task, COMPTOIR_ERROR, COMPTOIR_ERROR_PROTOCOL,
                               _("The platform sent an answer far too large. Comptoir stopped "
                                 "reading it. Try again later; if it goes on, tell the platform."));
      return;
    }

  data->buffer = g_byte_array_new ();
  g_input_stream_read_bytes_async (data->stream, READ_CHUNK, G_PRIORITY_DEFAULT, data->cancellable,
                                   read_cb, g_object_ref (task));
}

static gboolean
timeout_cb (gpointer user_data)
{
  SendData *data = user_data;

  data->timeout_id = 0;
  data->timed_out = TRUE;
  g_cancellable_cancel (data->cancellable);
  return G_SOURCE_REMOVE;
}

static void
caller_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

/**
 * comptoir_http_client_send_async:
 * @self: the client
 * @request: what to send
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the answer is read
 * @user_data: closure
 *
 * Sends @request. The URL is checked first (HTTPS but on loopback);
 * redirects are not followed; the answer is read up to the size cap.
 */
void
comptoir_http_client_send_async (ComptoirHttpClient        *self,
                                 const ComptoirHttpRequest *request,
                                 GCancellable              *cancellable,
                                 GAsyncReadyCallback        callback,
                                 gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  SoupMessageHeaders *headers;
  SendData *data;

  g_return_if_fail (COMPTOIR_IS_HTTP_CLIENT (self));
  g_return_if_fail (request != NULL && request->method != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, comptoir_http_client_send_async);

  if (!comptoir_http_check_url (request->url, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  uri = g_uri_parse (request->url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL)
    {
      g_task_return_new_error (task, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                               _("This is not a web address. Type the platform’s address, "
                                 "for example https://marche.example.fr."));
      return;
    }

  data = g_new0 (SendData, 1);
  data->method = g_strdup (request->method);
  data->url = g_strdup (request->url);
  data->message = soup_message_new_from_uri (request->method, uri);
  data->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);

  soup_message_add_flags (data->message, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (data->message);
  soup_message_headers_replace (headers, "Accept",
                                "application/json, application/ld+json, application/problem+json");
  if (request->bearer != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", request->bearer, NULL);
      soup_message_headers_replace (headers, "Authorization", value);
      memset (value, 0, strlen (value));
    }
  if (request->idempotency_key != NULL)
    soup_message_headers_replace (headers, "Idempotency-Key", request->idempotency_key);
  if (request->if_match > 0)
    {
      g_autofree char *etag = g_strdup_printf ("\"%" G_GINT64_FORMAT "\"", request->if_match);
      soup_message_headers_replace (headers, "If-Match", etag);
    }
  if (request->body != NULL)
    soup_message_set_request_body_from_bytes (data->message,
                                              request->content_type ? request->content_type : "application/json",
                                              request->body);

  /* The secret itself is never logged. */
  g_debug ("%s %s%s%s", data->method, data->url,
           request->bearer ? " [Authorization: hidden]" : "",
           request->idempotency_key ? " [Idempotency-Key]" : "");

  if (cancellable != NULL)
    {
      data->caller_cancellable = g_object_ref (cancellable);
      data->caller_handler = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                                    g_object_ref (data->cancellable), g_object_unref);
    }
  if (self->request_seconds > 0)
    data->timeout_id = g_timeout_add_seconds (self->request_seconds, timeout_cb, data);

  soup_session_send_async (self->session, data->message, G_PRIORITY_DEFAULT, data->cancellable,
                           send_cb, g_object_ref (task));
}

ComptoirHttpResponse *
comptoir_http_client_send_finish (ComptoirHttpClient  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
comptoir_http_client_set_timeouts (ComptoirHttpClient *self,
                                   guint               connect_seconds,
                                   guint               request_seconds)
{
  g_return_if_fail (COMPTOIR_IS_HTTP_CLIENT (self));
  /* libsoup's timeout covers connecting and each read or write. */
  soup_session_set_timeout (self->session, connect_seconds);
  self->request_seconds = request_seconds;
}

void
comptoir_http_client_set_max_size (ComptoirHttpClient *self,
                                   gsize               max_bytes)
{
  g_return_if_fail (COMPTOIR_IS_HTTP_CLIENT (self));
  self->max_size = max_bytes;
}

static void
comptoir_http_client_finalize (GObject *object)
{
  ComptoirHttpClient *self = COMPTOIR_HTTP_CLIENT (object);

  g_clear_object (&self->session);
  G_OBJECT_CLASS (comptoir_http_client_parent_class)->finalize (object);
}

static void
comptoir_http_client_class_init (ComptoirHttpClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = comptoir_http_client_finalize;
}

static void
comptoir_http_client_init (ComptoirHttpClient *self)
{
  /* No accept-certificate handler: a bad certificate fails the request. */
  self->session = soup_session_new_with_options ("timeout", 20,
                                                 "idle-timeout", 60,
                                                 "user-agent", "Comptoir/" PACKAGE_VERSION " ",
                                                 NULL);
  self->request_seconds = 120;
  self->max_size = COMPTOIR_HTTP_MAX_JSON_SIZE;
}

ComptoirHttpClient *
comptoir_http_client_new (void)
{
  return g_object_new (COMPTOIR_TYPE_HTTP_CLIENT, NULL);
}

/**
 * comptoir_http_client_get_default:
 *
 * Returns: (transfer none): the client shared by the connectors.
 */
ComptoirHttpClient *
comptoir_http_client_get_default (void)
{
  static ComptoirHttpClient *client;

  if (client == NULL)
    client = comptoir_http_client_new ();
  return client;
}
