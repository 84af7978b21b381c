// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-media-store"

#include "comptoir-i18n.h"

#include <string.h>

#include "comptoir-error.h"
#include "comptoir-media-store.h"
#include "comptoir-store-private.h"

/* Media files live in a content-addressed folder, named after the SHA-256
 * of the web image; the media table lists them and product_photos orders
 * a product's photos (position 0 is the cover). */

/**
 * comptoir_media_hash_is_valid:
 * @hash: (nullable): a string
 *
 * Whether @hash looks like a media hash: 64 lowercase hexadecimal digits.
 * Hashes are turned into file names, so anything else is refused.
 */
gboolean
comptoir_media_hash_is_valid (const char *hash)
{
  if (hash == NULL || strlen (hash) != 64)
    return FALSE;
  for (guint i = 0; i < 64; i++)
    if (!g_ascii_isdigit (hash[i]) && !(hash[i] >= 'a' && hash[i] <= 'f'))
      return FALSE;
  return TRUE;
}

/**
 * comptoir_media_get_dir:
 *
 * Returns: (transfer full): the folder of media files, in the user's data
 *   directory
 */
char *
comptoir_media_get_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "comptoir", "media", NULL);
}

/**
 * comptoir_media_get_path:
 * @hash: a media hash
 * @kind: which file
 *
 * Returns: (transfer full) (nullable): the path of the file
 *   (`…/media/ab/abcdef….jpg` or `…-thumb.jpg`), or %NULL if @hash is not
 *   a valid hash. The file exists once the import that gave @hash finished.
 */
char *
comptoir_media_get_path (const char        *hash,
                         ComptoirMediaKind  kind)
{
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  char prefix[3];

  g_return_val_if_fail (comptoir_media_hash_is_valid (hash), NULL);

  dir = comptoir_media_get_dir ();
  prefix[0] = hash[0];
  prefix[1] = hash[1];
  prefix[2] = '\0';
  name = g_strconcat (hash, kind == COMPTOIR_MEDIA_THUMBNAIL ? "-thumb.jpg" : ".jpg", NULL);
  return g_build_filename (dir, prefix, name, NULL);
}

/**
 * comptoir_product_photos_get:
 * @store: the store
 * @product_id: the product
 * @error: a #GError
 *
 * Returns: (transfer full): the product's media hashes, cover first, as a
 *   %NULL-terminated array (empty if it has no photo), or %NULL on error
 */
char **
comptoir_product_photos_get (ComptoirStore  *store,
                             gint64          product_id,
                             GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int rc;

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), NULL);

  stmt = comptoir_store_prepare (store,
                                 "SELECT media_hash FROM product_photos WHERE product_id = ? ORDER BY position",
                                 error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, product_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, comptoir_sql_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      comptoir_store_set_error (store, error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

/**
 * comptoir_product_photos_write:
 * @store: the store
 * @product_id: the product
 * @hashes: (nullable): the media hashes, cover first; each was returned by
 *   an import
 * @error: a #GError
 *
 * Replaces the product's photos by @hashes, in that order. To be called
 * inside comptoir_store_transaction(), with the rest of the product.
 */
gboolean
comptoir_product_photos_write (ComptoirStore       *store,
                               gint64               product_id,
                               const char * const  *hashes,
                               GError             **error)
{
  g_autoptr(sqlite3_stmt) del = NULL;
  g_autoptr(sqlite3_stmt) ins = NULL;
  guint position = 0;

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), FALSE);

  for (guint i = 0; hashes != NULL && hashes[i] != NULL; i++)
    if (!comptoir_media_hash_is_valid (hashes[i]))
      {
        g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_NOT_FOUND,
                             _("One of the photos cannot be found any more. Add it again."));
        return FALSE;
      }

  del = comptoir_store_prepare (store, "DELETE FROM product_photos WHERE product_id = ?", error);
  if (del == NULL)
    return FALSE;
  sqlite3_bind_int64 (del, 1, product_id);
  if (!comptoir_store_step_done (store, del, error))
    return FALSE;

  if (hashes == NULL || hashes[0] == NULL)
    return TRUE;

  ins = comptoir_store_prepare (store,
                                "INSERT INTO product_photos (product_id, position, media_hash) "
                                "SELECT ?, ?, hash FROM media WHERE hash = ?",
                                error);
  if (ins == NULL)
    return FALSE;

  for (guint i = 0; hashes[i] != NULL; i++)
    {
      gboolean seen = FALSE;

      /* The same photo twice on one product is a slip: keep the first. */
      for (guint j = 0; j < i && !seen; j++)
        seen = g_str_equal (hashes[i], hashes[j]);
      if (seen)
        continue;

      sqlite3_reset (ins);
      sqlite3_bind_int64 (ins, 1, product_id);
      sqlite3_bind_int (ins, 2, position);
      sqlite3_bind_text (ins, 3, hashes[i], -1, SQLITE_STATIC);
      if (!comptoir_store_step_done (store, ins, error))
        return FALSE;
      if (sqlite3_changes (comptoir_store_get_db (store)) != 1)
        {
          /* No media row: the photo was never imported into this store. */
          g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_NOT_FOUND,
                               _("One of the photos cannot be found any more. Add it again."));
          return FALSE;
        }
      position++;
    }
  return TRUE;
}

typedef struct
{
  gint64              product_id;
  const char * const *hashes;
} SetData;

static gboolean
set_tx (ComptoirStore  *store,
        gpointer        user_data,
        GError        **error)
{
  SetData *data = user_data;

  return comptoir_product_photos_write (store, data->product_id, data->hashes, error);
}

/**
 * comptoir_product_photos_set:
 * @store: the store
 * @product_id: the product
 * @hashes: (nullable): the media hashes, cover first
 * @error: a #GError
 *
 * Like comptoir_product_photos_write(), in its own transaction.
 */
gboolean
comptoir_product_photos_set (ComptoirStore       *store,
                             gint64               product_id,
                             const char * const  *hashes,
                             GError             **error)
{
  SetData data = { product_id, hashes };

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), FALSE);

  return comptoir_store_transaction (store, set_tx, &data, error);
}
