// SPDX-License-Identifier: GPL-3.0-or-later
//
// Image uploads, shared by both platforms: type checked by magic bytes, size capped,
// bytes served publicly under .../media/{id}/content.

#define G_LOG_DOMAIN "comptoir-sandbox"

#include "sandbox.h"

#include <string.h>

static gboolean
magic_matches (const char   *content_type,
               const guchar *data,
               gsize         len)
{
  static const guchar png[] = { 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a };

  if (strcmp (content_type, "image/jpeg") == 0)
    return len >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff;
  if (strcmp (content_type, "image/png") == 0)
    return len >= sizeof png && memcmp (data, png, sizeof png) == 0;
  if (strcmp (content_type, "image/webp") == 0)
    return len >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0;
  return FALSE;
}

void
sandbox_media_upload (SandboxReq *req,
                      const char *api_prefix)
{
  Sandbox *sb = req->sb;
  SoupMessageHeaders *h = soup_server_message_get_request_headers (req->msg);
  const char *content_type = soup_message_headers_get_content_type (h, NULL);
  static const char * const types[] = { "image/jpeg", "image/png", "image/webp", NULL };
  gsize len = 0;
  const guchar *data = g_bytes_get_data (req->body, &len);
  g_autofree char *id = NULL;
  g_autofree char *url = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *location = NULL;
  g_autoptr(JsonObject) media = json_object_new ();
  sqlite3_stmt *stmt;

  if (len > SANDBOX_MAX_MEDIA_BODY)
    {
      sandbox_problem (req, 413, "payload-too-large", "Payload too large",
                       "Images are limited to 10 MiB (10485760 bytes).");
      return;
    }
  if (content_type == NULL || !g_strv_contains (types, content_type))
    {
      sandbox_problem (req, 415, "unsupported-media-type", "Unsupported media type",
                       "Content-Type must be image/jpeg, image/png or image/webp.");
      return;
    }
  if (!magic_matches (content_type, data, len))
    {
      g_autofree char *detail = g_strdup_printf ("The bytes are not a %s image.", content_type);
      sandbox_problem (req, 415, "unsupported-media-type", "Unsupported media type", detail);
      return;
    }

  id = sandbox_new_id (sb, "med");
  url = g_strdup_printf ("%s%s/media/%s/content", sb->origin, api_prefix, id);
  location = g_strdup_printf ("%s%s/media/%s", sb->origin, api_prefix, id);
  sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, len);

  stmt = sandbox_db_prepare (sb, "INSERT INTO media_content VALUES (?, ?, ?)");
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, content_type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 3, data, len, SQLITE_TRANSIENT);
  sandbox_db_step (req->sb, stmt);
  sqlite3_finalize (stmt);

  json_object_set_string_member (media, "id", id);
  json_object_set_string_member (media, "url", url);
  json_object_set_string_member (media, "sha256", sha);
  json_object_set_string_member (media, "content_type", content_type);
  json_object_set_int_member (media, "size", len);
  sandbox_obj_save (sb, req->scope, "media", media);
  json_object_remove_member (media, "version");
  json_object_remove_member (media, "updated_at");
  sandbox_respond_object (req, SOUP_STATUS_CREATED, "application/json", media, location);
}

void
sandbox_media_content (SandboxReq *req,
                       const char *id)
{
  sqlite3_stmt *stmt;

  stmt = sandbox_db_prepare (req->sb, "SELECT content_type, data FROM media_content WHERE id = ?");
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sandbox_db_step (req->sb, stmt) == SQLITE_ROW)
    {
      soup_server_message_set_status (req->msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (req->msg, (const char *) sqlite3_column_text (stmt, 0),
                                        SOUP_MEMORY_COPY, sqlite3_column_blob (stmt, 1),
                                        sqlite3_column_bytes (stmt, 1));
    }
  else
    sandbox_problem (req, 404, "not-found", "Not found", "No such media.");
  sqlite3_finalize (stmt);
}
