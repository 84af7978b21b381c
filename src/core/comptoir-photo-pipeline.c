// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-photo-pipeline"

#include "comptoir-i18n.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>

#include "comptoir-error.h"
#include "comptoir-photo-pipeline.h"
#include "comptoir-store-private.h"

/* The photo pipeline: every photo the merchant adds is decoded (a JPEG at
 * the smallest DCT scale that still gives enough pixels), turned upright,
 * edited, and re-encoded into a web image and a thumbnail without any
 * metadata, so that no GPS position is ever published. Both files are
 * stored under the SHA-256 of the web image. */

#define JPEG_QUALITY 85

typedef struct
{
  GFile             *file;
  GBytes            *bytes;
  gboolean           has_edit;
  ComptoirPhotoEdit  edit;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_free (data);
}

/* Errors */

static void
set_not_a_photo (GError **error)
{
  g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_IMAGE,
                       _("This file is not a photo Comptoir can read. Choose a JPEG or PNG photo."));
}

static void
set_damaged (GError **error)
{
  g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_IMAGE,
                       _("This photo is damaged or incomplete and cannot be read. "
                         "Copy it again from the camera or the phone, then try again."));
}

static gboolean
check_dimensions (guint64   width,
                  guint64   height,
                  GError  **error)
{
  if (width == 0 || height == 0)
    {
      set_damaged (error);
      return FALSE;
    }
  if (width * height > COMPTOIR_PHOTO_MAX_PIXELS)
    {
      g_set_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_IMAGE,
                   _("This picture is far too large (%u × %u pixels). "
                     "Use a photo of at most 50 megapixels."),
                   (guint) MIN (width, G_MAXUINT), (guint) MIN (height, G_MAXUINT));
      return FALSE;
    }
  return TRUE;
}

static void
set_no_memory (GError **error)
{
  g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_IMAGE,
                       _("There is not enough memory to open this photo. Close other applications, then try again."));
}

/* EXIF orientation, read from the APP1 segment by hand: only one tag of
 * IFD0 is needed, and every offset is checked against the segment. */

static guint
read_u16 (const guint8 *p,
          gboolean      big_endian)
{
  return big_endian ? (guint) (p[0] << 8 | p[1]) : (guint) (p[1] << 8 | p[0]);
}

static guint32
read_u32 (const guint8 *p,
          gboolean      big_endian)
{
  return big_endian
    ? ((guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3])
    : ((guint32) p[3] << 24 | (guint32) p[2] << 16 | (guint32) p[1] << 8 | p[0]);
}

static int
exif_orientation (const guint8 *data,
                  gsize         len)
{
  const guint8 *tiff;
  gsize tiff_len;
  gboolean big_endian;
  guint64 ifd;
  guint n_entries;

  if (len < 6 + 8 || memcmp (data, "Exif\0\0", 6) != 0)
    return 1;
  tiff = data + 6;
  tiff_len = len - 6;

  if (tiff[0] == 'M' && tiff[1] == 'M')
    big_endian = TRUE;
  else if (tiff[0] == 'I' && tiff[1] == 'I')
    big_endian = FALSE;
  else
    return 1;
  if (read_u16 (tiff + 2, big_endian) != 42)
    return 1;

  ifd = read_u32 (tiff + 4, big_endian);
  if (ifd + 2 > tiff_len)
    return 1;
  n_entries = read_u16 (tiff + ifd, big_endian);

  for (guint i = 0; i < n_entries; i++)
    {
      guint64 entry = ifd + 2 + 12 * (guint64) i;

      if (entry + 12 > tiff_len)
        break;
      if (read_u16 (tiff + entry, big_endian) == 0x0112)
        {
          guint type = read_u16 (tiff + entry + 2, big_endian);
          guint value;

          if (type == 3) /* SHORT */
            value = read_u16 (tiff + entry + 8, big_endian);
          else if (type == 4) /* LONG, seen in the wild */
            value = read_u32 (tiff + entry + 8, big_endian);
          else
            return 1;
          return value >= 1 && value <= 8 ? (int) value : 1;
        }
    }
  return 1;
}

/* Geometry */

static void
fit_size (int  width,
          int  height,
          int  max_side,
          int *out_width,
          int *out_height)
{
  if (width <= max_side && height <= max_side)
    {
      *out_width = width;
      *out_height = height;
    }
  else if (width >= height)
    {
      *out_width = max_side;
      *out_height = MAX (1, (int) ((double) height * max_side / width + 0.5));
    }
  else
    {
      *out_height = max_side;
      *out_width = MAX (1, (int) ((double) width * max_side / height + 0.5));
    }
}

static gboolean
orientation_swaps_axes (int orientation)
{
  return orientation >= 5;
}

static gboolean
edit_is_valid (const ComptoirPhotoEdit  *edit,
               GError                  **error)
{
  const double eps = 1e-6;

  if (edit == NULL || !edit->crop)
    return TRUE;
  if (!(edit->crop_x >= -eps && edit->crop_y >= -eps
        && edit->crop_w > 0 && edit->crop_h > 0
        && edit->crop_x + edit->crop_w <= 1 + eps
        && edit->crop_y + edit->crop_h <= 1 + eps))
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                           _("The cropped area goes outside the photo. Choose the area again."));
      return FALSE;
    }
  return TRUE;
}

/* Size of the part of the picture that is kept, once upright and edited,
 * for a decoded picture of @width × @height. */
static void
kept_size (int                      width,
           int                      height,
           int                      orientation,
           const ComptoirPhotoEdit *edit,
           double                  *kept_width,
           double                  *kept_height)
{
  gboolean swap = orientation_swaps_axes (orientation);

  if (edit != NULL && (edit->rotate_quarter_turns & 1))
    swap = !swap;
  *kept_width = swap ? height : width;
  *kept_height = swap ? width : height;
  if (edit != NULL && edit->crop)
    {
      *kept_width *= edit->crop_w;
      *kept_height *= edit->crop_h;
    }
}

static GdkPixbuf *
apply_orientation (GdkPixbuf *src,
                   int        orientation)
{
  g_autoptr(GdkPixbuf) tmp = NULL;

  switch (orientation)
    {
    case 2:
      return gdk_pixbuf_flip (src, TRUE);
    case 3:
      return gdk_pixbuf_rotate_simple (src, GDK_PIXBUF_ROTATE_UPSIDEDOWN);
    case 4:
      return gdk_pixbuf_flip (src, FALSE);
    case 5:
      tmp = gdk_pixbuf_rotate_simple (src, GDK_PIXBUF_ROTATE_CLOCKWISE);
      return tmp ? gdk_pixbuf_flip (tmp, TRUE) : NULL;
    case 6:
      return gdk_pixbuf_rotate_simple (src, GDK_PIXBUF_ROTATE_CLOCKWISE);
    case 7:
      tmp = gdk_pixbuf_rotate_simple (src, GDK_PIXBUF_ROTATE_COUNTERCLOCKWISE);
      return tmp ? gdk_pixbuf_flip (tmp, TRUE) : NULL;
    case 8:
      return gdk_pixbuf_rotate_simple (src, GDK_PIXBUF_ROTATE_COUNTERCLOCKWISE);
    default:
      return g_object_ref (src);
    }
}

static GdkPixbuf *
rotate_quarter_turns (GdkPixbuf *src,
                      int        turns)
{
  switch (((turns % 4) + 4) % 4)
    {
    case 1:
      return gdk_pixbuf_rotate_simple (src, GDK_PIXBUF_ROTATE_CLOCKWISE);
    case 2:
      return gdk_pixbuf_rotate_simple (src, GDK_PIXBUF_ROTATE_UPSIDEDOWN);
    case 3:
      return gdk_pixbuf_rotate_simple (src, GDK_PIXBUF_ROTATE_COUNTERCLOCKWISE);
    default:
      return g_object_ref (src);
    }
}

/* Upright, rotated and cropped, from a decoded picture. */
static GdkPixbuf *
make_upright (GdkPixbuf                *decoded,
              int                       orientation,
              const ComptoirPhotoEdit  *edit,
              GError                  **error)
{
  g_autoptr(GdkPixbuf) upright = apply_orientation (decoded, orientation);
  g_autoptr(GdkPixbuf) rotated = NULL;
  int width, height, x, y, w, h;

  if (upright == NULL)
    {
      set_no_memory (error);
      return NULL;
    }
  if (edit == NULL)
    return g_steal_pointer (&upright);

  rotated = rotate_quarter_turns (upright, edit->rotate_quarter_turns);
  if (rotated == NULL)
    {
      set_no_memory (error);
      return NULL;
    }
  if (!edit->crop)
    return g_steal_pointer (&rotated);

  width = gdk_pixbuf_get_width (rotated);
  height = gdk_pixbuf_get_height (rotated);
  x = CLAMP ((int) (edit->crop_x * width + 0.5), 0, width - 1);
  y = CLAMP ((int) (edit->crop_y * height + 0.5), 0, height - 1);
  w = CLAMP ((int) (edit->crop_w * width + 0.5), 1, width - x);
  h = CLAMP ((int) (edit->crop_h * height + 0.5), 1, height - y);

  /* A square crop stays square despite rounding. */
  if (ABS (edit->crop_w * width - edit->crop_h * height) < 1.0)
    w = h = MIN (w, h);

  return gdk_pixbuf_new_subpixbuf (rotated, x, y, w, h);
}

/* JPEG decoding with libjpeg: errors leave through longjmp. */

typedef struct
{
  struct jpeg_error_mgr pub;
  jmp_buf               jump;
} JpegError;

static void
jpeg_error_exit_cb (j_common_ptr cinfo)
{
  JpegError *err = (JpegError *) cinfo->err;

  longjmp (err->jump, 1);
}

static void
jpeg_emit_message_cb (j_common_ptr cinfo,
                      int          msg_level)
{
  /* A truncated file is padded with grey by libjpeg and only warned
   * about: refuse it rather than publish half a photo. Other warnings
   * (stray bytes between segments) are common with cameras and harmless. */
  if (msg_level < 0 && cinfo->err->msg_code == JWRN_JPEG_EOF)
    jpeg_error_exit_cb (cinfo);
}

static void
jpeg_output_message_cb (j_common_ptr cinfo)
{
  /* The core never prints. */
}

static void
cmyk_to_rgb (const guint8 *cmyk,
             guint8       *rgb,
             int           width,
             gboolean      inverted)
{
  for (int i = 0; i < width; i++)
    {
      int c = cmyk[4 * i], m = cmyk[4 * i + 1], y = cmyk[4 * i + 2], k = cmyk[4 * i + 3];

      if (!inverted)
        {
          c = 255 - c;
          m = 255 - m;
          y = 255 - y;
          k = 255 - k;
        }
      rgb[3 * i] = c * k / 255;
      rgb[3 * i + 1] = m * k / 255;
      rgb[3 * i + 2] = y * k / 255;
    }
}

static GdkPixbuf *
decode_jpeg (const guint8             *data,
             gsize                     len,
             const ComptoirPhotoEdit  *edit,
             int                      *orientation_out,
             GError                  **error)
{
  struct jpeg_decompress_struct cinfo;
  JpegError jerr;
  GdkPixbuf *volatile pixbuf = NULL;
  guint8 *volatile cmyk_row = NULL;
  int orientation = 1;
  guint8 *pixels;
  int rowstride;

  memset (&cinfo, 0, sizeof cinfo);
  cinfo.err = jpeg_std_error (&jerr.pub);
  jerr.pub.error_exit = jpeg_error_exit_cb;
  jerr.pub.emit_message = jpeg_emit_message_cb;
  jerr.pub.output_message = jpeg_output_message_cb;

  if (setjmp (jerr.jump))
    {
      g_debug ("JPEG decoding failed: message %d", jerr.pub.msg_code);
      jpeg_destroy_decompress (&cinfo);
      g_clear_object ((GdkPixbuf **) &pixbuf);
      g_free (cmyk_row);
      set_damaged (error);
      return NULL;
    }

  jpeg_create_decompress (&cinfo);
  jpeg_mem_src (&cinfo, data, len);
  jpeg_save_markers (&cinfo, JPEG_APP0 + 1, 0xffff);
  jpeg_read_header (&cinfo, TRUE);

  if (!check_dimensions (cinfo.image_width, cinfo.image_height, error))
    {
      jpeg_destroy_decompress (&cinfo);
      return NULL;
    }

  for (jpeg_saved_marker_ptr m = cinfo.marker_list; m != NULL; m = m->next)
    if (m->marker == JPEG_APP0 + 1 && (orientation = exif_orientation (m->data, m->data_length)) != 1)
      break;

  if (cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK)
    cinfo.out_color_space = JCS_CMYK;
  else
    cinfo.out_color_space = JCS_RGB;

  /* The smallest DCT scale whose kept part still has the web size: the
   * IDCT does most of the downscaling for free. */
  for (guint num = 1; num <= 8; num++)
    {
      double kept_width, kept_height;

      cinfo.scale_num = num;
      cinfo.scale_denom = 8;
      jpeg_calc_output_dimensions (&cinfo);
      kept_size (cinfo.output_width, cinfo.output_height, orientation, edit, &kept_width, &kept_height);
      if (MAX (kept_width, kept_height) >= COMPTOIR_PHOTO_WEB_SIZE)
        break;
    }

  jpeg_start_decompress (&cinfo);

  pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, cinfo.output_width, cinfo.output_height);
  if (pixbuf == NULL)
    {
      jpeg_destroy_decompress (&cinfo);
      set_no_memory (error);
      return NULL;
    }
  pixels = gdk_pixbuf_get_pixels (pixbuf);
  rowstride = gdk_pixbuf_get_rowstride (pixbuf);

  if (cinfo.out_color_space == JCS_CMYK)
    {
      cmyk_row = g_malloc ((gsize) cinfo.output_width * 4);
      while (cinfo.output_scanline < cinfo.output_height)
        {
          JSAMPROW row = cmyk_row;
          guint8 *dest = pixels + (gsize) cinfo.output_scanline * rowstride;

          jpeg_read_scanlines (&cinfo, &row, 1);
          cmyk_to_rgb (cmyk_row, dest, cinfo.output_width, cinfo.saw_Adobe_marker);
        }
      g_clear_pointer ((guint8 **) &cmyk_row, g_free);
    }
  else
    {
      while (cinfo.output_scanline < cinfo.output_height)
        {
          JSAMPROW rows[8];
          int n = MIN (8, (int) (cinfo.output_height - cinfo.output_scanline));

          for (int i = 0; i < n; i++)
            rows[i] = pixels + (gsize) (cinfo.output_scanline + i) * rowstride;
          jpeg_read_scanlines (&cinfo, rows, n);
        }
    }

  jpeg_finish_decompress (&cinfo);
  jpeg_destroy_decompress (&cinfo);

  *orientation_out = orientation;
  return pixbuf;
}

/* Other formats, through GdkPixbuf, restricted to a few well-known ones:
 * text-based and vector formats are not photos. */

static const char *
sniff_format (const guint8 *d,
              gsize         n)
{
  if (n >= 3 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff)
    return "jpeg";
  if (n >= 8 && memcmp (d, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "png";
  if (n >= 6 && (memcmp (d, "GIF87a", 6) == 0 || memcmp (d, "GIF89a", 6) == 0))
    return "gif";
  if (n >= 12 && memcmp (d, "RIFF", 4) == 0 && memcmp (d + 8, "WEBP", 4) == 0)
    return "webp";
  if (n >= 2 && memcmp (d, "BM", 2) == 0)
    return "bmp";
  if (n >= 4 && (memcmp (d, "II*\0", 4) == 0 || memcmp (d, "MM\0*", 4) == 0))
    return "tiff";
  if (n >= 12 && memcmp (d + 4, "ftyp", 4) == 0)
    {
      if (memcmp (d + 8, "avif", 4) == 0)
        return "avif";
      if (memcmp (d + 8, "heic", 4) == 0 || memcmp (d + 8, "heix", 4) == 0 || memcmp (d + 8, "mif1", 4) == 0)
        return "heif";
    }
  return NULL;
}

typedef struct
{
  gboolean too_large;
  int      width;
  int      height;
} LoaderState;

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  LoaderState     *state)
{
  state->width = width;
  state->height = height;
  if (width <= 0 || height <= 0 || (guint64) width * height > COMPTOIR_PHOTO_MAX_PIXELS)
    {
      /* A zero size makes the loader stop before it allocates anything. */
      state->too_large = TRUE;
      gdk_pixbuf_loader_set_size (loader, 0, 0);
    }
}

static GdkPixbuf *
decode_with_pixbuf (const char    *format,
                    const guint8  *data,
                    gsize          len,
                    GError       **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) local_error = NULL;
  LoaderState state = { 0, };
  GdkPixbuf *pixbuf;
  const gsize chunk = 64 * 1024;
  gboolean ok = TRUE;

  loader = gdk_pixbuf_loader_new_with_type (format, &local_error);
  if (loader == NULL)
    {
      g_debug ("No loader for %s: %s", format, local_error->message);
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_IMAGE,
                           _("This kind of photo cannot be read on this computer. "
                             "Save it as JPEG or PNG, then try again."));
      return NULL;
    }
  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), &state);

  /* In chunks, so that an absurd size is seen from the header before
   * the rest is decoded. */
  for (gsize offset = 0; ok && offset < len && !state.too_large; offset += chunk)
    ok = gdk_pixbuf_loader_write (loader, data + offset, MIN (chunk, len - offset), &local_error);
  if (!gdk_pixbuf_loader_close (loader, ok ? &local_error : NULL))
    ok = FALSE;

  if (state.too_large)
    {
      check_dimensions (state.width, state.height, error);
      if (error != NULL && *error == NULL)
        set_damaged (error);
      return NULL;
    }
  if (!ok || gdk_pixbuf_loader_get_pixbuf (loader) == NULL)
    {
      g_debug ("Decoding %s failed: %s", format, local_error ? local_error->message : "no image");
      set_damaged (error);
      return NULL;
    }

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (!check_dimensions (gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf), error))
    return NULL;
  return gdk_pixbuf_apply_embedded_orientation (pixbuf);
}

/* Encoding */

static GBytes *
encode_jpeg (GdkPixbuf *pixbuf)
{
  struct jpeg_compress_struct cinfo;
  struct jpeg_error_mgr jerr;
  unsigned char *buffer = NULL;
  unsigned long size = 0;
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  int rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  GBytes *bytes;

  g_assert (gdk_pixbuf_get_n_channels (pixbuf) == 3);

  /* Encoding a valid in-memory picture cannot fail but for lack of
   * memory, where libjpeg exits like g_malloc() does. */
  cinfo.err = jpeg_std_error (&jerr);
  jerr.output_message = jpeg_output_message_cb;
  jpeg_create_compress (&cinfo);
  jpeg_mem_dest (&cinfo, &buffer, &size);

  cinfo.image_width = gdk_pixbuf_get_width (pixbuf);
  cinfo.image_height = gdk_pixbuf_get_height (pixbuf);
  cinfo.input_components = 3;
  cinfo.in_color_space = JCS_RGB;
  jpeg_set_defaults (&cinfo);
  jpeg_set_quality (&cinfo, JPEG_QUALITY, TRUE);

  /* Only the JFIF header is written: no EXIF, no GPS, no comment. */
  jpeg_start_compress (&cinfo, TRUE);
  while (cinfo.next_scanline < cinfo.image_height)
    {
      JSAMPROW row = (JSAMPROW) (pixels + (gsize) cinfo.next_scanline * rowstride);
      jpeg_write_scanlines (&cinfo, &row, 1);
    }
  jpeg_finish_compress (&cinfo);
  jpeg_destroy_compress (&cinfo);

  bytes = g_bytes_new (buffer, size);
  free (buffer);
  return bytes;
}

static GdkPixbuf *
flatten (GdkPixbuf *src)
{
  GdkPixbuf *dest;
  int width = gdk_pixbuf_get_width (src);
  int height = gdk_pixbuf_get_height (src);

  if (!gdk_pixbuf_get_has_alpha (src))
    return g_object_ref (src);

  /* Transparent parts become white, like the page they are shown on. */
  dest = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  if (dest == NULL)
    return NULL;
  gdk_pixbuf_fill (dest, 0xffffffff);
  gdk_pixbuf_composite (src, dest, 0, 0, width, height, 0, 0, 1, 1, GDK_INTERP_NEAREST, 255);
  return dest;
}

static GdkPixbuf *
fit (GdkPixbuf *src,
     int        max_side)
{
  int width, height;

  fit_size (gdk_pixbuf_get_width (src), gdk_pixbuf_get_height (src), max_side, &width, &height);
  if (width == gdk_pixbuf_get_width (src) && height == gdk_pixbuf_get_height (src))
    return g_object_ref (src);
  return gdk_pixbuf_scale_simple (src, width, height, GDK_INTERP_BILINEAR);
}

/* Storage */

static gboolean
write_media_file (const char  *path,
                  GBytes      *bytes,
                  GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  g_autoptr(GError) local_error = NULL;

  /* Same name, same content: an identical photo is already there. */
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return TRUE;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_STORE,
                   _("The photo could not be saved with your shop’s data: %s"), g_strerror (saved_errno));
      return FALSE;
    }

  /* CONSISTENT writes a temporary file and renames it over: a crash
   * never leaves half a photo under its final name. */
  if (!g_file_set_contents_full (path, data, size, G_FILE_SET_CONTENTS_CONSISTENT, 0644, &local_error))
    {
      g_set_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_STORE,
                   _("The photo could not be saved with your shop’s data: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  const char *hash;
  int         width;
  int         height;
  gsize       size;
} MediaRow;

static gboolean
insert_media_tx (ComptoirStore  *store,
                 gpointer        user_data,
                 GError        **error)
{
  MediaRow *row = user_data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = comptoir_now_iso8601 ();

  stmt = comptoir_store_prepare (store,
                                 "INSERT INTO media (hash, mime_type, width, height, size, created_at) "
                                 "VALUES (?, 'image/jpeg', ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row->hash, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, row->width);
  sqlite3_bind_int (stmt, 3, row->height);
  sqlite3_bind_int64 (stmt, 4, row->size);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_STATIC);
  return comptoir_store_step_done (store, stmt, error);
}

/* The whole pipeline, in the calling thread. */

static char *
import_bytes (ComptoirStore            *store,
              GBytes                   *bytes,
              const ComptoirPhotoEdit  *edit,
              GCancellable             *cancellable,
              GError                  **error)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  const char *format;
  int orientation = 1;
  g_autoptr(GdkPixbuf) decoded = NULL;
  g_autoptr(GdkPixbuf) edited = NULL;
  g_autoptr(GdkPixbuf) flat = NULL;
  g_autoptr(GdkPixbuf) web = NULL;
  g_autoptr(GdkPixbuf) thumb = NULL;
  g_autoptr(GBytes) web_bytes = NULL;
  g_autoptr(GBytes) thumb_bytes = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *web_path = NULL;
  g_autofree char *thumb_path = NULL;
  MediaRow row;

  if (len == 0)
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_IMAGE,
                           _("This file is empty: it does not contain a photo."));
      return NULL;
    }
  if (len > COMPTOIR_PHOTO_MAX_FILE_SIZE)
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_IMAGE,
                           _("This file is too large to be a photo (more than 100 MB)."));
      return NULL;
    }
  if (!edit_is_valid (edit, error))
    return NULL;

  format = sniff_format (data, len);
  if (format == NULL)
    {
      set_not_a_photo (error);
      return NULL;
    }

  if (g_str_equal (format, "jpeg"))
    decoded = decode_jpeg (data, len, edit, &orientation, error);
  else
    decoded = decode_with_pixbuf (format, data, len, error);
  if (decoded == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  edited = make_upright (decoded, orientation, edit, error);
  if (edited == NULL)
    return NULL;
  g_clear_object (&decoded);

  flat = flatten (edited);
  web = flat ? fit (flat, COMPTOIR_PHOTO_WEB_SIZE) : NULL;
  thumb = web ? fit (web, COMPTOIR_PHOTO_THUMBNAIL_SIZE) : NULL;
  if (thumb == NULL)
    {
      set_no_memory (error);
      return NULL;
    }

  web_bytes = encode_jpeg (web);
  thumb_bytes = encode_jpeg (thumb);
  hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, web_bytes);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* Files first, then the row: a crash in between leaves an unused file,
   * never a row without its file. */
  web_path = comptoir_media_get_path (hash, COMPTOIR_MEDIA_WEB);
  thumb_path = comptoir_media_get_path (hash, COMPTOIR_MEDIA_THUMBNAIL);
  if (!write_media_file (thumb_path, thumb_bytes, error)
      || !write_media_file (web_path, web_bytes, error))
    return NULL;

  row.hash = hash;
  row.width = gdk_pixbuf_get_width (web);
  row.height = gdk_pixbuf_get_height (web);
  row.size = g_bytes_get_size (web_bytes);
  if (!comptoir_store_transaction (store, insert_media_tx, &row, error))
    return NULL;

  return g_steal_pointer (&hash);
}

static GBytes *
load_file (GFile         *file,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize length = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, &local_error);
  if (info != NULL && g_file_info_get_size (info) > COMPTOIR_PHOTO_MAX_FILE_SIZE)
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_IMAGE,
                           _("This file is too large to be a photo (more than 100 MB)."));
      return NULL;
    }

  if (info == NULL || !g_file_load_contents (file, cancellable, &contents, &length, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_IMAGE,
                     _("This file cannot be opened: %s"), local_error->message);
      return NULL;
    }
  return g_bytes_new_take (contents, length);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ComptoirStore *store = source_object;
  ImportData *data = task_data;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  char *hash;

  if (data->bytes != NULL)
    bytes = g_bytes_ref (data->bytes);
  else
    bytes = load_file (data->file, cancellable, &error);

  hash = bytes ? import_bytes (store, bytes, data->has_edit ? &data->edit : NULL, cancellable, &error) : NULL;
  if (hash == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, hash, g_free);
}

static void
start_import (ComptoirStore            *store,
              GFile                    *file,
              GBytes                   *bytes,
              const ComptoirPhotoEdit  *edit,
              GCancellable             *cancellable,
              GAsyncReadyCallback       callback,
              gpointer                  user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  ImportData *data = g_new0 (ImportData, 1);

  g_task_set_source_tag (task, comptoir_photo_import_async);
  data->file = file ? g_object_ref (file) : NULL;
  data->bytes = bytes ? g_bytes_ref (bytes) : NULL;
  if (edit != NULL)
    {
      data->has_edit = TRUE;
      data->edit = *edit;
    }
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);
  g_task_run_in_thread (task, import_thread);
}

/**
 * comptoir_photo_import_async:
 * @store: the store the media row goes to
 * @file: the picture
 * @edit: (nullable): rotation and crop to apply
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the calling thread's main context
 * @user_data: closure
 *
 * Reads, decodes, turns upright, edits and stores @file in a worker
 * thread. Finish with comptoir_photo_import_finish().
 */
void
comptoir_photo_import_async (ComptoirStore            *store,
                             GFile                    *file,
                             const ComptoirPhotoEdit  *edit,
                             GCancellable             *cancellable,
                             GAsyncReadyCallback       callback,
                             gpointer                  user_data)
{
  g_return_if_fail (COMPTOIR_IS_STORE (store));
  g_return_if_fail (G_IS_FILE (file));

  start_import (store, file, NULL, edit, cancellable, callback, user_data);
}

/**
 * comptoir_photo_import_bytes_async:
 * @store: the store the media row goes to
 * @bytes: an encoded picture (a pasted image, a camera frame saved as PNG)
 * @edit: (nullable): rotation and crop to apply
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the calling thread's main context
 * @user_data: closure
 *
 * Like comptoir_photo_import_async(), from memory.
 */
void
comptoir_photo_import_bytes_async (ComptoirStore            *store,
                                   GBytes                   *bytes,
                                   const ComptoirPhotoEdit  *edit,
                                   GCancellable             *cancellable,
                                   GAsyncReadyCallback       callback,
                                   gpointer                  user_data)
{
  g_return_if_fail (COMPTOIR_IS_STORE (store));
  g_return_if_fail (bytes != NULL);

  start_import (store, NULL, bytes, edit, cancellable, callback, user_data);
}

/**
 * comptoir_photo_import_finish:
 * @store: the store
 * @result: the result
 * @error: a #GError, in %COMPTOIR_ERROR (%COMPTOIR_ERROR_IMAGE for a file
 *   that is not a usable photo)
 *
 * Returns: (transfer full): the media hash (64 hexadecimal digits), or %NULL
 */
char *
comptoir_photo_import_finish (ComptoirStore  *store,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * comptoir_photo_import_sync:
 * @store: the store the media row goes to
 * @file: the picture
 * @edit: (nullable): rotation and crop to apply
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * The same as comptoir_photo_import_async(), in the calling thread: for CSV
 * import and the command line, never for the main thread of the app.
 *
 * Returns: (transfer full): the media hash, or %NULL
 */
char *
comptoir_photo_import_sync (ComptoirStore            *store,
                            GFile                    *file,
                            const ComptoirPhotoEdit  *edit,
                            GCancellable             *cancellable,
                            GError                  **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (COMPTOIR_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  bytes = load_file (file, cancellable, error);
  if (bytes == NULL)
    return NULL;
  return import_bytes (store, bytes, edit, cancellable, error);
}

/**
 * comptoir_photo_import_bytes_sync:
 * @store: the store the media row goes to
 * @bytes: an encoded picture
 * @edit: (nullable): rotation and crop to apply
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Returns: (transfer full): the media hash, or %NULL
 */
char *
comptoir_photo_import_bytes_sync (ComptoirStore            *store,
                                  GBytes                   *bytes,
                                  const ComptoirPhotoEdit  *edit,
                                  GCancellable             *cancellable,
                                  GError                  **error)
{
  g_return_val_if_fail (COMPTOIR_IS_STORE (store), NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  return import_bytes (store, bytes, edit, cancellable, error);
}
