// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <string.h>

#include "comptoir-error.h"
#include "comptoir-media-store.h"
#include "comptoir-photo-pipeline.h"
#include "comptoir-product-store.h"
#include "comptoir-store-private.h"
#include "comptoir-test-utils.h"

/* Pictures are generated here: an upright picture has a red block in its
 * top-left corner and a green block in its top-right corner, on blue. */

#define BLOCK 16

static void
put_pixel (GdkPixbuf *pixbuf,
           int        x,
           int        y,
           guint8     r,
           guint8     g,
           guint8     b)
{
  guint8 *p = gdk_pixbuf_get_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf)
              + x * gdk_pixbuf_get_n_channels (pixbuf);
  p[0] = r;
  p[1] = g;
  p[2] = b;
}

static void
get_pixel (GdkPixbuf *pixbuf,
           int        x,
           int        y,
           guint8    *rgb)
{
  const guint8 *p = gdk_pixbuf_read_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf)
                    + x * gdk_pixbuf_get_n_channels (pixbuf);
  memcpy (rgb, p, 3);
}

static void
upright_colour (int     width,
                int     height,
                int     x,
                int     y,
                guint8 *rgb)
{
  int block = MAX (BLOCK, MIN (width, height) / 6);

  if (y < block && x < block)
    memcpy (rgb, "\xff\x00\x00", 3);
  else if (y < block && x >= width - block)
    memcpy (rgb, "\x00\xff\x00", 3);
  else
    memcpy (rgb, "\x00\x00\xff", 3);
}

/* Where the stored pixel (x, y) is shown once the EXIF orientation is
 * applied, straight from the EXIF specification. */
static void
displayed_position (int  orientation,
                    int  sw,
                    int  sh,
                    int  x,
                    int  y,
                    int *dx,
                    int *dy)
{
  switch (orientation)
    {
    case 1: *dx = x; *dy = y; break;
    case 2: *dx = sw - 1 - x; *dy = y; break;
    case 3: *dx = sw - 1 - x; *dy = sh - 1 - y; break;
    case 4: *dx = x; *dy = sh - 1 - y; break;
    case 5: *dx = y; *dy = x; break;
    case 6: *dx = sh - 1 - y; *dy = x; break;
    case 7: *dx = sh - 1 - y; *dy = sw - 1 - x; break;
    case 8: *dx = y; *dy = sw - 1 - x; break;
    default: g_assert_not_reached ();
    }
}

/* The stored picture that an orientation-@orientation camera writes for
 * an upright scene of @width × @height. */
static GdkPixbuf *
make_stored (int width,
             int height,
             int orientation)
{
  gboolean swap = orientation >= 5;
  int sw = swap ? height : width;
  int sh = swap ? width : height;
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, sw, sh);

  for (int y = 0; y < sh; y++)
    for (int x = 0; x < sw; x++)
      {
        int dx, dy;
        guint8 rgb[3];

        displayed_position (orientation, sw, sh, x, y, &dx, &dy);
        upright_colour (width, height, dx, dy, rgb);
        put_pixel (pixbuf, x, y, rgb[0], rgb[1], rgb[2]);
      }
  return pixbuf;
}

static void
put16 (GByteArray *a,
       gboolean    be,
       guint       v)
{
  guint8 b[2] = { be ? v >> 8 : v & 0xff, be ? v & 0xff : v >> 8 };
  g_byte_array_append (a, b, 2);
}

static void
put32 (GByteArray *a,
       gboolean    be,
       guint32     v)
{
  put16 (a, be, be ? v >> 16 : v & 0xffff);
  put16 (a, be, be ? v & 0xffff : v >> 16);
}

/* An APP1 Exif segment with the orientation and a GPS position. */
static GByteArray *
make_exif_segment (int      orientation,
                   gboolean big_endian)
{
  GByteArray *tiff = g_byte_array_new ();
  GByteArray *seg = g_byte_array_new ();
  guint32 gps_ifd = 8 + 2 + 2 * 12 + 4;
  guint32 lat_offset = gps_ifd + 2 + 2 * 12 + 4;

  g_byte_array_append (tiff, (const guint8 *) (big_endian ? "MM" : "II"), 2);
  put16 (tiff, big_endian, 42);
  put32 (tiff, big_endian, 8);
  /* IFD0: orientation, GPS IFD pointer */
  put16 (tiff, big_endian, 2);
  put16 (tiff, big_endian, 0x0112); put16 (tiff, big_endian, 3); put32 (tiff, big_endian, 1);
  put16 (tiff, big_endian, orientation); put16 (tiff, big_endian, 0);
  put16 (tiff, big_endian, 0x8825); put16 (tiff, big_endian, 4); put32 (tiff, big_endian, 1);
  put32 (tiff, big_endian, gps_ifd);
  put32 (tiff, big_endian, 0);
  /* GPS IFD: latitude 45° 46' 12" N */
  g_assert_cmpuint (tiff->len, ==, gps_ifd);
  put16 (tiff, big_endian, 2);
  put16 (tiff, big_endian, 1); put16 (tiff, big_endian, 2); put32 (tiff, big_endian, 2);
  g_byte_array_append (tiff, (const guint8 *) "N\0\0\0", 4);
  put16 (tiff, big_endian, 2); put16 (tiff, big_endian, 5); put32 (tiff, big_endian, 3);
  put32 (tiff, big_endian, lat_offset);
  put32 (tiff, big_endian, 0);
  g_assert_cmpuint (tiff->len, ==, lat_offset);
  put32 (tiff, big_endian, 45); put32 (tiff, big_endian, 1);
  put32 (tiff, big_endian, 46); put32 (tiff, big_endian, 1);
  put32 (tiff, big_endian, 12); put32 (tiff, big_endian, 1);

  g_byte_array_append (seg, (const guint8 *) "\xff\xe1", 2);
  put16 (seg, TRUE, 2 + 6 + tiff->len);
  g_byte_array_append (seg, (const guint8 *) "Exif\0\0", 6);
  g_byte_array_append (seg, tiff->data, tiff->len);
  g_byte_array_unref (tiff);
  return seg;
}

static GBytes *
make_jpeg (GdkPixbuf *pixbuf,
           int        orientation,
           gboolean   big_endian)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *buffer = NULL;
  gsize size;
  GByteArray *out = g_byte_array_new ();
  g_autoptr(GByteArray) seg = NULL;

  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", &error, "quality", "95", NULL));
  g_assert_no_error (error);
  g_assert_cmpint ((guint8) buffer[0], ==, 0xff);
  g_assert_cmpint ((guint8) buffer[1], ==, 0xd8);

  g_byte_array_append (out, (const guint8 *) buffer, 2);
  if (orientation > 0)
    {
      seg = make_exif_segment (orientation, big_endian);
      g_byte_array_append (out, seg->data, seg->len);
    }
  g_byte_array_append (out, (const guint8 *) buffer + 2, size - 2);
  return g_byte_array_free_to_bytes (out);
}

static GFile *
write_tmp (const char *name,
           GBytes     *bytes)
{
  g_autofree char *path = comptoir_test_tmp_path (name);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static GBytes *
read_media (const char        *hash,
            ComptoirMediaKind  kind)
{
  g_autofree char *path = comptoir_media_get_path (hash, kind);
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static GdkPixbuf *
load_media (const char        *hash,
            ComptoirMediaKind  kind)
{
  g_autoptr(GBytes) bytes = read_media (hash, kind);
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) error = NULL;

  /* By type: the test's private data dirs have no MIME database to sniff. */
  loader = gdk_pixbuf_loader_new_with_type ("jpeg", &error);
  g_assert_no_error (error);
  gdk_pixbuf_loader_write_bytes (loader, bytes, &error);
  g_assert_no_error (error);
  gdk_pixbuf_loader_close (loader, &error);
  g_assert_no_error (error);
  return g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
}

/* No APP1 (EXIF, XMP) segment, and no trace of the GPS position. */
static void
assert_no_metadata (GBytes *jpeg)
{
  gsize len;
  const guint8 *d = g_bytes_get_data (jpeg, &len);
  gsize i = 2;

  g_assert_cmpint (d[0], ==, 0xff);
  g_assert_cmpint (d[1], ==, 0xd8);
  while (i + 4 <= len && d[i] == 0xff && d[i + 1] != 0xda)
    {
      guint marker = d[i + 1];
      gsize seg_len = (d[i + 2] << 8) | d[i + 3];

      g_assert_cmpuint (marker, !=, 0xe1);
      g_assert_cmpuint (marker, !=, 0xfe); /* comment */
      g_assert_true (marker < 0xe2 || marker > 0xef);
      i += 2 + seg_len;
    }
  g_assert_cmpint (d[i + 1], ==, 0xda);
  for (i = 0; i + 4 <= len; i++)
    g_assert_false (memcmp (d + i, "Exif", 4) == 0);
}

static void
assert_colour (GdkPixbuf    *pixbuf,
               int           x,
               int           y,
               const guint8 *expected)
{
  guint8 rgb[3];

  get_pixel (pixbuf, x, y, rgb);
  for (int c = 0; c < 3; c++)
    {
      if (ABS ((int) rgb[c] - (int) expected[c]) > 60)
        g_error ("pixel (%d, %d) is %02x%02x%02x, expected %02x%02x%02x", x, y,
                 rgb[0], rgb[1], rgb[2], expected[0], expected[1], expected[2]);
    }
}

static void
assert_upright (GdkPixbuf *pixbuf,
                int        width,
                int        height)
{
  int w = gdk_pixbuf_get_width (pixbuf);
  int h = gdk_pixbuf_get_height (pixbuf);
  int inset = MAX (4, w / 40);

  g_assert_cmpint (w, ==, width);
  g_assert_cmpint (h, ==, height);
  assert_colour (pixbuf, inset, inset, (const guint8 *) "\xff\x00\x00");
  assert_colour (pixbuf, w - 1 - inset, inset, (const guint8 *) "\x00\xff\x00");
  assert_colour (pixbuf, inset, h - 1 - inset, (const guint8 *) "\x00\x00\xff");
  assert_colour (pixbuf, w - 1 - inset, h - 1 - inset, (const guint8 *) "\x00\x00\xff");
}

/* A store of its own for each test; the media folder is shared, so tests
 * count the files they add. */
static ComptoirStore *
open_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("%s.db", strrchr (g_test_get_path (), '/') + 1);
  g_autofree char *path = comptoir_test_tmp_path (name);
  ComptoirStore *store = comptoir_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static char *
import_bytes (ComptoirStore *store,
              GBytes        *bytes,
              GError       **error)
{
  return comptoir_photo_import_bytes_sync (store, bytes, NULL, NULL, error);
}

static void
test_orientations (void)
{
  g_autoptr(ComptoirStore) store = open_store ();

  for (int orientation = 1; orientation <= 8; orientation++)
    for (int be = 0; be <= 1; be++)
      {
        g_autoptr(GdkPixbuf) stored = make_stored (96, 64, orientation);
        g_autoptr(GBytes) jpeg = make_jpeg (stored, orientation, be);
        g_autoptr(GError) error = NULL;
        g_autofree char *hash = NULL;
        g_autoptr(GdkPixbuf) web = NULL;
        g_autoptr(GdkPixbuf) thumb = NULL;
        g_autoptr(GBytes) web_bytes = NULL;
        g_autoptr(GBytes) thumb_bytes = NULL;

        g_test_message ("orientation %d, %s-endian", orientation, be ? "big" : "little");
        hash = import_bytes (store, jpeg, &error);
        g_assert_no_error (error);
        g_assert_true (comptoir_media_hash_is_valid (hash));

        web = load_media (hash, COMPTOIR_MEDIA_WEB);
        assert_upright (web, 96, 64);
        thumb = load_media (hash, COMPTOIR_MEDIA_THUMBNAIL);
        assert_upright (thumb, 96, 64);

        web_bytes = read_media (hash, COMPTOIR_MEDIA_WEB);
        thumb_bytes = read_media (hash, COMPTOIR_MEDIA_THUMBNAIL);
        assert_no_metadata (web_bytes);
        assert_no_metadata (thumb_bytes);
      }
}

/* Gradients and noise, like a photo, so that scaling really happens. */
static GdkPixbuf *
make_photo (int width,
            int height)
{
  GdkPixbuf *pixbuf = make_stored (width, height, 1);
  GRand *rand = g_rand_new_with_seed (42);

  for (int y = 0; y < height; y += 3)
    for (int x = 0; x < width; x += 3)
      {
        guint8 rgb[3];

        get_pixel (pixbuf, x, y, rgb);
        if (rgb[2] == 0xff)
          put_pixel (pixbuf, x, y, 0, (x * 60) / width, 200 + g_rand_int_range (rand, 0, 55));
      }
  g_rand_free (rand);
  return pixbuf;
}

static void
test_sizes (void)
{
  g_autoptr(ComptoirStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) photo = make_photo (3000, 2000);
  g_autoptr(GBytes) jpeg = make_jpeg (photo, 1, FALSE);
  g_autofree char *hash = NULL;
  g_autoptr(GdkPixbuf) web = NULL;
  g_autoptr(GdkPixbuf) thumb = NULL;
  g_autoptr(GdkPixbuf) small = make_photo (200, 100);
  g_autoptr(GBytes) small_jpeg = make_jpeg (small, 0, FALSE);
  g_autofree char *small_hash = NULL;
  g_autoptr(GdkPixbuf) small_web = NULL;
  g_autoptr(GdkPixbuf) turned = make_stored (3000, 2000, 6);
  g_autoptr(GBytes) turned_jpeg = make_jpeg (turned, 6, TRUE);
  g_autofree char *turned_hash = NULL;
  g_autoptr(GdkPixbuf) turned_web = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  hash = import_bytes (store, jpeg, &error);
  g_assert_no_error (error);
  web = load_media (hash, COMPTOIR_MEDIA_WEB);
  assert_upright (web, 2048, 1365);
  thumb = load_media (hash, COMPTOIR_MEDIA_THUMBNAIL);
  assert_upright (thumb, 320, 213);

  /* The media row describes the web image. */
  stmt = comptoir_store_prepare (store, "SELECT width, height, size, mime_type FROM media WHERE hash = ?", NULL);
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 2048);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 1365);
  {
    g_autoptr(GBytes) web_bytes = read_media (hash, COMPTOIR_MEDIA_WEB);
    g_assert_cmpint (sqlite3_column_int64 (stmt, 2), ==, g_bytes_get_size (web_bytes));
  }
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, "image/jpeg");

  /* A small picture is not blown up. */
  small_hash = import_bytes (store, small_jpeg, &error);
  g_assert_no_error (error);
  small_web = load_media (small_hash, COMPTOIR_MEDIA_WEB);
  g_assert_cmpint (gdk_pixbuf_get_width (small_web), ==, 200);
  g_assert_cmpint (gdk_pixbuf_get_height (small_web), ==, 100);

  /* A portrait photo taken with the phone turned: upright and 2048 high. */
  turned_hash = import_bytes (store, turned_jpeg, &error);
  g_assert_no_error (error);
  turned_web = load_media (turned_hash, COMPTOIR_MEDIA_WEB);
  assert_upright (turned_web, 2048, 1365);
}

static void
test_png_with_alpha (void)
{
  g_autoptr(ComptoirStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) logo = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 640, 400);
  g_autofree char *png = NULL;
  gsize png_len;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *hash = NULL;
  g_autoptr(GdkPixbuf) web = NULL;
  g_autoptr(GdkPixbuf) thumb = NULL;
  guint8 rgb[3];

  gdk_pixbuf_fill (logo, 0x00000000); /* transparent */
  g_assert_true (gdk_pixbuf_save_to_buffer (logo, &png, &png_len, "png", &error, NULL));
  bytes = g_bytes_new (png, png_len);

  hash = import_bytes (store, bytes, &error);
  g_assert_no_error (error);
  web = load_media (hash, COMPTOIR_MEDIA_WEB);
  g_assert_false (gdk_pixbuf_get_has_alpha (web));
  g_assert_cmpint (gdk_pixbuf_get_width (web), ==, 640);
  get_pixel (web, 10, 10, rgb);
  g_assert_cmpint (rgb[0], >, 240); /* transparent became white */
  thumb = load_media (hash, COMPTOIR_MEDIA_THUMBNAIL);
  g_assert_cmpint (gdk_pixbuf_get_width (thumb), ==, 320);
  g_assert_cmpint (gdk_pixbuf_get_height (thumb), ==, 200);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  if (d == NULL)
    return 0;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);
      n += g_file_test (child, G_FILE_TEST_IS_DIR) ? count_files (child) : 1;
    }
  return n;
}

static void
test_dedup (void)
{
  g_autoptr(ComptoirStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) photo = make_photo (810, 610);
  g_autoptr(GBytes) jpeg = make_jpeg (photo, 1, FALSE);
  g_autoptr(GFile) file = write_tmp ("dedup.jpg", jpeg);
  g_autoptr(GFile) copy = write_tmp ("dedup-copy.jpg", jpeg);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *dir = comptoir_media_get_dir ();
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;
  char prefix[3] = { 0, };
  guint files_before = count_files (dir);

  first = comptoir_photo_import_sync (store, file, NULL, NULL, &error);
  g_assert_no_error (error);
  second = comptoir_photo_import_sync (store, file, NULL, NULL, &error);
  g_assert_no_error (error);
  third = comptoir_photo_import_sync (store, copy, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (first, ==, second);
  g_assert_cmpstr (first, ==, third);
  g_assert_cmpint (comptoir_store_count (store, "media"), ==, 1);
  /* One web image and one thumbnail, nothing else (no temporary file). */
  g_assert_cmpuint (count_files (dir), ==, files_before + 2);

  /* Content-addressed: the name is the SHA-256 of the web image. */
  path = comptoir_media_get_path (first, COMPTOIR_MEDIA_WEB);
  memcpy (prefix, first, 2);
  expected = g_strdup_printf ("%s/%s/%s.jpg", dir, prefix, first);
  g_assert_cmpstr (path, ==, expected);
  {
    g_autoptr(GBytes) web = read_media (first, COMPTOIR_MEDIA_WEB);
    g_autofree char *sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, web);
    g_assert_cmpstr (sum, ==, first);
  }
}

static GBytes *
make_huge_png_header (void)
{
  g_autoptr(GdkPixbuf) tiny = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 8, 8);
  g_autofree char *png = NULL;
  gsize len;
  guint8 *d;
  guint32 crc;

  gdk_pixbuf_fill (tiny, 0x336699ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (tiny, &png, &len, "png", NULL, NULL));
  d = (guint8 *) png;
  /* IHDR: length at 8, type at 12, width at 16, height at 20, CRC at 29. */
  g_assert_cmpmem (d + 12, 4, "IHDR", 4);
  for (int i = 0; i < 2; i++)
    {
      guint32 v = 30000;
      d[16 + 4 * i] = v >> 24;
      d[17 + 4 * i] = v >> 16;
      d[18 + 4 * i] = v >> 8;
      d[19 + 4 * i] = v;
    }
  /* The CRC must be right, or the loader stops for the wrong reason. */
  crc = 0xffffffff;
  for (int i = 12; i < 29; i++)
    {
      crc ^= d[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
    }
  crc ^= 0xffffffff;
  d[29] = crc >> 24;
  d[30] = crc >> 16;
  d[31] = crc >> 8;
  d[32] = crc;
  return g_bytes_new (png, len);
}

static void
assert_refused (ComptoirStore *store,
                guint          files_before,
                const char    *name,
                GBytes        *bytes,
                const char    *words)
{
  g_autoptr(GFile) file = write_tmp (name, bytes);
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *dir = comptoir_media_get_dir ();

  hash = comptoir_photo_import_sync (store, file, NULL, NULL, &error);
  g_assert_null (hash);
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_IMAGE);
  g_test_message ("%s: %s", name, error->message);
  if (words != NULL && strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);
  /* Nothing changed. */
  g_assert_cmpint (comptoir_store_count (store, "media"), ==, 0);
  g_assert_cmpuint (count_files (dir), ==, files_before);
}

static void
test_hostile (void)
{
  g_autoptr(ComptoirStore) store = open_store ();
  g_autoptr(GBytes) huge = make_huge_png_header ();
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) text = g_bytes_new_static ("Prix du pain : 1,20 €\n", strlen ("Prix du pain : 1,20 €\n"));
  g_autoptr(GdkPixbuf) photo = make_photo (800, 600);
  g_autoptr(GBytes) jpeg = make_jpeg (photo, 1, FALSE);
  g_autoptr(GBytes) truncated = g_bytes_new_from_bytes (jpeg, 0, g_bytes_get_size (jpeg) / 2);
  g_autoptr(GBytes) header_only = g_bytes_new_from_bytes (jpeg, 0, 200);
  g_autoptr(GBytes) svg = g_bytes_new_static ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>", 63);
  g_autoptr(GError) error = NULL;
  guint8 garbage[4096];
  g_autoptr(GBytes) garbage_jpeg = NULL;
  g_autoptr(GBytes) bad_png = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *dir = comptoir_media_get_dir ();
  guint files_before = count_files (dir);

  assert_refused (store, files_before, "huge.png", huge, "30000 × 30000");
  assert_refused (store, files_before, "empty.jpg", empty, NULL);
  assert_refused (store, files_before, "text.jpg", text, NULL);
  assert_refused (store, files_before, "truncated.jpg", truncated, NULL);
  assert_refused (store, files_before, "header-only.jpg", header_only, NULL);
  assert_refused (store, files_before, "drawing.jpg", svg, NULL);

  /* A JPEG signature followed by noise. */
  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = g_test_rand_int_range (0, 256);
  garbage[0] = 0xff;
  garbage[1] = 0xd8;
  garbage[2] = 0xff;
  garbage_jpeg = g_bytes_new (garbage, sizeof garbage);
  assert_refused (store, files_before, "garbage.jpg", garbage_jpeg, NULL);

  /* A PNG signature followed by noise. */
  memcpy (garbage, "\x89PNG\r\n\x1a\n", 8);
  bad_png = g_bytes_new (garbage, sizeof garbage);
  assert_refused (store, files_before, "garbage.png", bad_png, NULL);

  /* A missing file says so. */
  {
    g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/photo.jpg");
    hash = comptoir_photo_import_sync (store, missing, NULL, NULL, &error);
    g_assert_null (hash);
    g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_IMAGE);
    /* in plain words, naming the file, not the system's path */
    g_assert_nonnull (strstr (error->message, "“photo.jpg”"));
    g_assert_null (strstr (error->message, "/nonexistent"));
    g_clear_error (&error);
  }

  /* After all that, a good photo still goes in. */
  hash = import_bytes (store, jpeg, &error);
  g_assert_no_error (error);
  g_assert_cmpint (comptoir_store_count (store, "media"), ==, 1);
}

static void
test_edit (void)
{
  g_autoptr(ComptoirStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) photo = make_stored (300, 200, 1);
  g_autoptr(GBytes) jpeg = make_jpeg (photo, 1, FALSE);
  ComptoirPhotoEdit turn = { .rotate_quarter_turns = 1 };
  ComptoirPhotoEdit square = { .rotate_quarter_turns = -1, .crop = TRUE,
                               .crop_x = 0, .crop_y = 0, .crop_w = 1, .crop_h = 200.0 / 300.0 };
  ComptoirPhotoEdit outside = { .crop = TRUE, .crop_x = 0.5, .crop_y = 0, .crop_w = 0.8, .crop_h = 1 };
  g_autofree char *hash = NULL;
  g_autofree char *turned_hash = NULL;
  g_autofree char *square_hash = NULL;
  g_autoptr(GdkPixbuf) turned = NULL;
  g_autoptr(GdkPixbuf) cropped = NULL;

  hash = import_bytes (store, jpeg, &error);
  g_assert_no_error (error);

  /* A quarter turn clockwise: the red corner goes to the top right, the
   * green one to the bottom right. */
  turned_hash = comptoir_photo_import_bytes_sync (store, jpeg, &turn, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (turned_hash, !=, hash);
  turned = load_media (turned_hash, COMPTOIR_MEDIA_WEB);
  g_assert_cmpint (gdk_pixbuf_get_width (turned), ==, 200);
  g_assert_cmpint (gdk_pixbuf_get_height (turned), ==, 300);
  assert_colour (turned, 195, 5, (const guint8 *) "\xff\x00\x00");
  assert_colour (turned, 195, 295, (const guint8 *) "\x00\xff\x00");

  /* A quarter turn counter-clockwise, then the top square: the green
   * corner is at the top left, the red one out of the picture. */
  square_hash = comptoir_photo_import_bytes_sync (store, jpeg, &square, NULL, &error);
  g_assert_no_error (error);
  cropped = load_media (square_hash, COMPTOIR_MEDIA_WEB);
  g_assert_cmpint (gdk_pixbuf_get_width (cropped), ==, 200);
  g_assert_cmpint (gdk_pixbuf_get_height (cropped), ==, 200);
  assert_colour (cropped, 5, 5, (const guint8 *) "\x00\xff\x00");
  assert_colour (cropped, 5, 195, (const guint8 *) "\x00\x00\xff");

  g_assert_null (comptoir_photo_import_bytes_sync (store, jpeg, &outside, NULL, &error));
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT);
  g_assert_cmpint (comptoir_store_count (store, "media"), ==, 3);
}

typedef struct
{
  GMainLoop *loop;
  char      *hash;
  GError    *error;
  guint      ticks;
} AsyncState;

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AsyncState *state = user_data;

  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  state->hash = comptoir_photo_import_finish (COMPTOIR_STORE (source), result, &state->error);
  g_main_loop_quit (state->loop);
}

static gboolean
tick_cb (gpointer user_data)
{
  AsyncState *state = user_data;

  state->ticks++;
  return G_SOURCE_CONTINUE;
}

static void
test_async (void)
{
  g_autoptr(ComptoirStore) store = open_store ();
  g_autoptr(GdkPixbuf) photo = make_photo (4000, 3000);
  g_autoptr(GBytes) jpeg = make_jpeg (photo, 6, FALSE);
  g_autoptr(GFile) file = write_tmp ("async.jpg", jpeg);
  g_autoptr(GBytes) text = g_bytes_new_static ("pas une photo", 13);
  AsyncState state = { g_main_loop_new (NULL, FALSE), NULL, NULL, 0 };
  guint tick = g_timeout_add (1, tick_cb, &state);
  g_autofree char *sync_hash = NULL;

  /* From a file: the main loop keeps turning while the worker decodes. */
  comptoir_photo_import_async (store, file, NULL, NULL, import_done_cb, &state);
  g_main_loop_run (state.loop);
  g_assert_no_error (state.error);
  g_assert_true (comptoir_media_hash_is_valid (state.hash));
  g_assert_cmpuint (state.ticks, >, 0);
  sync_hash = comptoir_photo_import_sync (store, file, NULL, NULL, NULL);
  g_assert_cmpstr (sync_hash, ==, state.hash);
  g_clear_pointer (&state.hash, g_free);

  /* From memory (a pasted image), and an error comes back the same way. */
  comptoir_photo_import_bytes_async (store, jpeg, NULL, NULL, import_done_cb, &state);
  g_main_loop_run (state.loop);
  g_assert_no_error (state.error);
  g_assert_cmpstr (state.hash, ==, sync_hash);
  g_clear_pointer (&state.hash, g_free);

  comptoir_photo_import_bytes_async (store, text, NULL, NULL, import_done_cb, &state);
  g_main_loop_run (state.loop);
  g_assert_null (state.hash);
  g_assert_error (state.error, COMPTOIR_ERROR, COMPTOIR_ERROR_IMAGE);
  g_clear_error (&state.error);

  /* Cancelled before it ran: nothing stored. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GdkPixbuf) other = make_photo (400, 300);
    g_autoptr(GBytes) other_jpeg = make_jpeg (other, 1, FALSE);

    g_cancellable_cancel (cancellable);
    comptoir_photo_import_bytes_async (store, other_jpeg, NULL, cancellable, import_done_cb, &state);
    g_main_loop_run (state.loop);
    g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&state.error);
    g_assert_cmpint (comptoir_store_count (store, "media"), ==, 1);
  }

  g_source_remove (tick);
  g_main_loop_unref (state.loop);
}

static void
test_product_photos (void)
{
  g_autoptr(ComptoirStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirProduct) product = comptoir_product_new ();
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_auto(GStrv) got = NULL;
  const char *bogus = "0000000000000000000000000000000000000000000000000000000000000000";

  comptoir_product_set_name (product, "Tarte aux pommes");
  comptoir_product_set_price_cents (product, 1800);
  comptoir_product_set_vat_rate (product, 550);
  g_assert_true (comptoir_product_save (store, product, &error));
  g_assert_no_error (error);

  {
    g_autoptr(GdkPixbuf) pa = make_photo (100, 80);
    g_autoptr(GdkPixbuf) pb = make_stored (100, 80, 3);
    g_autoptr(GBytes) ja = make_jpeg (pa, 0, FALSE);
    g_autoptr(GBytes) jb = make_jpeg (pb, 0, FALSE);
    a = import_bytes (store, ja, &error);
    g_assert_no_error (error);
    b = import_bytes (store, jb, &error);
    g_assert_no_error (error);
  }

  got = comptoir_product_photos_get (store, comptoir_product_get_id (product), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (got), ==, 0);
  g_clear_pointer (&got, g_strfreev);

  {
    const char *order[] = { a, b, NULL };
    g_assert_true (comptoir_product_photos_set (store, comptoir_product_get_id (product), order, &error));
    g_assert_no_error (error);
  }
  got = comptoir_product_photos_get (store, comptoir_product_get_id (product), &error);
  g_assert_cmpuint (g_strv_length (got), ==, 2);
  g_assert_cmpstr (got[0], ==, a);
  g_assert_cmpstr (got[1], ==, b);
  g_clear_pointer (&got, g_strfreev);

  /* New cover: b first. */
  {
    const char *order[] = { b, a, NULL };
    g_assert_true (comptoir_product_photos_set (store, comptoir_product_get_id (product), order, &error));
  }
  got = comptoir_product_photos_get (store, comptoir_product_get_id (product), &error);
  g_assert_cmpstr (got[0], ==, b);
  g_assert_cmpstr (got[1], ==, a);
  g_clear_pointer (&got, g_strfreev);

  /* A photo that was never imported, or a path in disguise: refused, and
   * the product keeps its photos. */
  {
    const char *order[] = { a, bogus, NULL };
    const char *sneaky[] = { "../../../etc/passwd", NULL };
    g_assert_false (comptoir_product_photos_set (store, comptoir_product_get_id (product), order, &error));
    g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_false (comptoir_product_photos_set (store, comptoir_product_get_id (product), sneaky, &error));
    g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  got = comptoir_product_photos_get (store, comptoir_product_get_id (product), &error);
  g_assert_cmpuint (g_strv_length (got), ==, 2);
  g_assert_cmpstr (got[0], ==, b);
  g_clear_pointer (&got, g_strfreev);

  /* Removing all photos. */
  g_assert_true (comptoir_product_photos_set (store, comptoir_product_get_id (product), NULL, &error));
  got = comptoir_product_photos_get (store, comptoir_product_get_id (product), &error);
  g_assert_cmpuint (g_strv_length (got), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  comptoir_test_init (&argc, &argv);

  g_test_add_func ("/photos/orientations", test_orientations);
  g_test_add_func ("/photos/sizes", test_sizes);
  g_test_add_func ("/photos/png-with-alpha", test_png_with_alpha);
  g_test_add_func ("/photos/dedup", test_dedup);
  g_test_add_func ("/photos/hostile", test_hostile);
  g_test_add_func ("/photos/edit", test_edit);
  g_test_add_func ("/photos/async", test_async);
  g_test_add_func ("/photos/product-photos", test_product_photos);

  return g_test_run ();
}
