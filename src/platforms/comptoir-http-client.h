// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define COMPTOIR_HTTP_MAX_JSON_SIZE (5 * 1024 * 1024)

/**
 * ComptoirHttpRequest:
 * @method: "GET", "POST", "PUT" or "DELETE"
 * @url: absolute URL; https, or http on loopback only
 * @bearer: (nullable): secret sent as `Authorization: Bearer`, never logged
 * @idempotency_key: (nullable): sent as `Idempotency-Key`
 * @if_match: version sent as `If-Match: "N"`, 0 for none
 * @content_type: (nullable): type of @body
 * @body: (nullable): request body
 *
 * What to send. Copied by comptoir_http_client_send_async().
 */
typedef struct
{
  const char *method;
  const char *url;
  const char *bearer;
  const char *idempotency_key;
  gint64      if_match;
  const char *content_type;
  GBytes     *body;
} ComptoirHttpRequest;

/**
 * ComptoirHttpResponse:
 * @status: HTTP status (always 2xx: other answers become a #GError)
 * @body: the body, at most the client's size cap
 * @version: the `ETag` as an integer version, 0 when absent
 * @replayed: the server replayed a stored answer (`Idempotent-Replayed`)
 */
typedef struct
{
  guint    status;
  GBytes  *body;
  gint64   version;
  gboolean replayed;
} ComptoirHttpResponse;

void      comptoir_http_response_free     (ComptoirHttpResponse *response);
JsonNode *comptoir_http_response_get_json (ComptoirHttpResponse *response,
                                           GError              **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ComptoirHttpResponse, comptoir_http_response_free)

#define COMPTOIR_TYPE_HTTP_CLIENT (comptoir_http_client_get_type ())
G_DECLARE_FINAL_TYPE (ComptoirHttpClient, comptoir_http_client, COMPTOIR, HTTP_CLIENT, GObject)

gboolean              comptoir_http_check_url                 (const char                 *url,
                                                               GError                    **error);
ComptoirHttpClient   *comptoir_http_client_get_default        (void);
ComptoirHttpClient   *comptoir_http_client_new                (void);
void                  comptoir_http_client_set_timeouts       (ComptoirHttpClient         *self,
                                                               guint                       connect_seconds,
                                                               guint                       request_seconds);
void                  comptoir_http_client_set_max_size       (ComptoirHttpClient         *self,
                                                               gsize                       max_bytes);
void                  comptoir_http_client_send_async         (ComptoirHttpClient         *self,
                                                               const ComptoirHttpRequest  *request,
                                                               GCancellable               *cancellable,
                                                               GAsyncReadyCallback         callback,
                                                               gpointer                    user_data);
ComptoirHttpResponse *comptoir_http_client_send_finish        (ComptoirHttpClient         *self,
                                                               GAsyncResult               *result,
                                                               GError                    **error);

G_END_DECLS
