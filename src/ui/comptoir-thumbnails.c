// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-thumbnails"

#include "config.h"

#include "comptoir-media-store.h"
#include "comptoir-thumbnails.h"

/* Thumbnails for the rows and cells of the products list: decoded off the
 * main thread at the size they are shown, kept in a small cache (the most
 * recently used ones), and set on every image bound to the same photo when
 * they arrive. A list of 100,000 products scrolls without decoding more
 * than what is shown. */

#define MAX_CACHED 256

struct _ComptoirThumbnails
{
  GObject       parent_instance;

  GHashTable   *cache;    /* hash → GdkTexture */
  GQueue        lru;      /* hashes, most recent first (owned by cache keys) */
  GHashTable   *pending;  /* hash being loaded */
  GHashTable   *bound;    /* GtkImage → hash */
  GCancellable *cancellable;
  guint         n_loads;
};

G_DEFINE_FINAL_TYPE (ComptoirThumbnails, comptoir_thumbnails, G_TYPE_OBJECT)

static void
image_gone_cb (gpointer  user_data,
               GObject  *where_the_image_was)
{
  ComptoirThumbnails *self = user_data;

  g_hash_table_remove (self->bound, where_the_image_was);
}

static void
forget_image (ComptoirThumbnails *self,
              GtkImage           *image)
{
  if (g_hash_table_remove (self->bound, image))
    g_object_weak_unref (G_OBJECT (image), image_gone_cb, self);
}

static void
watch_image (ComptoirThumbnails *self,
             GtkImage           *image,
             const char         *hash)
{
  if (!g_hash_table_contains (self->bound, image))
    g_object_weak_ref (G_OBJECT (image), image_gone_cb, self);
  g_hash_table_replace (self->bound, image, g_strdup (hash));
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *hash = task_data;
  g_autofree char *path = comptoir_media_get_path (hash, COMPTOIR_MEDIA_THUMBNAIL);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  pixbuf = path ? gdk_pixbuf_new_from_file_at_scale (path, COMPTOIR_THUMBNAIL_SIZE,
                                                     COMPTOIR_THUMBNAIL_SIZE, TRUE, &error) : NULL;
  if (pixbuf == NULL)
    {
      if (error == NULL)
        error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no such photo");
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, gdk_texture_new_for_pixbuf (pixbuf), g_object_unref);
}

static void
remember (ComptoirThumbnails *self,
          const char         *hash,
          GdkTexture         *texture)
{
  char *key = g_strdup (hash);

  g_hash_table_replace (self->cache, key, g_object_ref (texture));
  g_queue_push_head (&self->lru, key);
  while (g_queue_get_length (&self->lru) > MAX_CACHED)
    {
      char *old = g_queue_pop_tail (&self->lru);
      g_hash_table_remove (self->cache, old);
    }
}

static void
touch (ComptoirThumbnails *self,
       const char         *hash)
{
  GList *link = g_queue_find_custom (&self->lru, hash, (GCompareFunc) g_strcmp0);

  if (link != NULL && link != self->lru.head)
    {
      g_queue_unlink (&self->lru, link);
      g_queue_push_head_link (&self->lru, link);
    }
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ComptoirThumbnails *self = COMPTOIR_THUMBNAILS (source);
  const char *hash = g_task_get_task_data (G_TASK (result));
  g_autoptr(GdkTexture) texture = g_task_propagate_pointer (G_TASK (result), NULL);
  GHashTableIter iter;
  gpointer image, bound_hash;

  g_hash_table_remove (self->pending, hash);
  if (texture == NULL || self->bound == NULL)
    return; /* cancelled or unreadable: the placeholder stays */

  remember (self, hash, texture);
  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &image, &bound_hash))
    if (g_str_equal (bound_hash, hash))
      gtk_image_set_from_paintable (GTK_IMAGE (image), GDK_PAINTABLE (texture));
}

/**
 * comptoir_thumbnails_bind:
 * @self: the loader
 * @image: an image of a list row or cell
 * @hash: (nullable): the photo to show; %NULL for none
 *
 * Shows a placeholder in @image at once, and the photo as soon as it is
 * decoded.
 */
void
comptoir_thumbnails_bind (ComptoirThumbnails *self,
                          GtkImage           *image,
                          const char         *hash)
{
  GdkTexture *texture;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (COMPTOIR_IS_THUMBNAILS (self));
  g_return_if_fail (GTK_IS_IMAGE (image));

  if (hash == NULL || !comptoir_media_hash_is_valid (hash))
    {
      forget_image (self, image);
      gtk_image_set_from_icon_name (image, "image-x-generic-symbolic");
      return;
    }

  texture = g_hash_table_lookup (self->cache, hash);
  if (texture != NULL)
    {
      touch (self, hash);
      forget_image (self, image);
      gtk_image_set_from_paintable (image, GDK_PAINTABLE (texture));
      return;
    }

  gtk_image_set_from_icon_name (image, "image-loading-symbolic");
  watch_image (self, image, hash);
  if (g_hash_table_contains (self->pending, hash))
    return;

  g_hash_table_add (self->pending, g_strdup (hash));
  self->n_loads++;
  task = g_task_new (self, self->cancellable, load_done_cb, NULL);
  g_task_set_task_data (task, g_strdup (hash), g_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * comptoir_thumbnails_unbind:
 * @self: the loader
 * @image: an image given to comptoir_thumbnails_bind()
 *
 * Forgets @image, whose row now shows another product or none.
 */
void
comptoir_thumbnails_unbind (ComptoirThumbnails *self,
                            GtkImage           *image)
{
  g_return_if_fail (COMPTOIR_IS_THUMBNAILS (self));

  forget_image (self, image);
}

guint
comptoir_thumbnails_get_n_cached (ComptoirThumbnails *self)
{
  g_return_val_if_fail (COMPTOIR_IS_THUMBNAILS (self), 0);
  return g_hash_table_size (self->cache);
}

guint
comptoir_thumbnails_get_n_loads (ComptoirThumbnails *self)
{
  g_return_val_if_fail (COMPTOIR_IS_THUMBNAILS (self), 0);
  return self->n_loads;
}

static void
comptoir_thumbnails_dispose (GObject *object)
{
  ComptoirThumbnails *self = COMPTOIR_THUMBNAILS (object);
  GHashTableIter iter;
  gpointer image;

  g_cancellable_cancel (self->cancellable);
  if (self->bound != NULL)
    {
      g_hash_table_iter_init (&iter, self->bound);
      while (g_hash_table_iter_next (&iter, &image, NULL))
        g_object_weak_unref (G_OBJECT (image), image_gone_cb, self);
      g_clear_pointer (&self->bound, g_hash_table_unref);
    }

  G_OBJECT_CLASS (comptoir_thumbnails_parent_class)->dispose (object);
}

static void
comptoir_thumbnails_finalize (GObject *object)
{
  ComptoirThumbnails *self = COMPTOIR_THUMBNAILS (object);

  g_queue_clear (&self->lru);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (comptoir_thumbnails_parent_class)->finalize (object);
}

static void
comptoir_thumbnails_class_init (ComptoirThumbnailsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = comptoir_thumbnails_dispose;
  G_OBJECT_CLASS (klass)->finalize = comptoir_thumbnails_finalize;
}

static void
comptoir_thumbnails_init (ComptoirThumbnails *self)
{
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->bound = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->lru);
}

ComptoirThumbnails *
comptoir_thumbnails_new (void)
{
  return g_object_new (COMPTOIR_TYPE_THUMBNAILS, NULL);
}
