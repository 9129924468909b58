// libjpeg's compressor, used only by the Synth target to write CMYK JPEGs (Leptonica writes RGB and grey only).
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>
#include <jerror.h>

// libjpeg reports a fatal error by calling `error_exit`, which must not return; Swift cannot catch a longjmp, so
// the whole compression runs in the one C function below and a failure comes back as its return value.
struct docguard_jpeg_error {
    struct jpeg_error_mgr manager;
    jmp_buf escape;
    char message[JMSG_LENGTH_MAX];
};

static inline void docguard_jpeg_error_exit(j_common_ptr info) {
    struct docguard_jpeg_error *error = (struct docguard_jpeg_error *)info->err;
    (*info->err->format_message)(info, error->message);
    longjmp(error->escape, 1);
}

// A growing output buffer this code owns (libjpeg's own memory destination frees and moves its buffer
// behind the caller's back, so a failure half-way could not free it safely).
struct docguard_jpeg_buffer {
    struct jpeg_destination_mgr manager;
    unsigned char *data;
    size_t capacity;
    size_t size;
};

static inline void docguard_jpeg_buffer_init(j_compress_ptr info) {
    struct docguard_jpeg_buffer *buffer = (struct docguard_jpeg_buffer *)info->dest;
    buffer->manager.next_output_byte = buffer->data;
    buffer->manager.free_in_buffer = buffer->capacity;
}

static inline boolean docguard_jpeg_buffer_grow(j_compress_ptr info) {
    struct docguard_jpeg_buffer *buffer = (struct docguard_jpeg_buffer *)info->dest;
    size_t capacity = buffer->capacity * 2;
    unsigned char *grown = (unsigned char *)realloc(buffer->data, capacity);
    if (grown == NULL) ERREXIT1(info, JERR_OUT_OF_MEMORY, 0);
    buffer->manager.next_output_byte = grown + buffer->capacity;
    buffer->manager.free_in_buffer = capacity - buffer->capacity;
    buffer->data = grown;
    buffer->capacity = capacity;
    return TRUE;
}

static inline void docguard_jpeg_buffer_term(j_compress_ptr info) {
    struct docguard_jpeg_buffer *buffer = (struct docguard_jpeg_buffer *)info->dest;
    buffer->size = buffer->capacity - buffer->manager.free_in_buffer;
}

// Compresses `height` rows of `width` CMYK pixels (4 bytes each, as stored in the file) at `quality` into a buffer
// from malloc (`*out`, `*out_size`; the caller frees it). An Adobe APP14 marker (transform 0: CMYK, no colour
// transform) is written and no JFIF marker, as Photoshop and PDF workflows do; readers take the Adobe marker to
// mean the samples are inverted (0 = full ink), so the caller stores them that way. Returns 0, or 1 with
// `message` holding libjpeg's reason.
static inline int docguard_write_cmyk_jpeg(const unsigned char *cmyk, int width, int height, int quality,
                                           unsigned char **out, size_t *out_size, char *message,
                                           size_t message_size) {
    struct jpeg_compress_struct info;
    struct docguard_jpeg_error error;
    struct docguard_jpeg_buffer buffer;
    memset(&info, 0, sizeof info);
    memset(&error, 0, sizeof error);
    memset(&buffer, 0, sizeof buffer);
    *out = NULL;
    *out_size = 0;
    buffer.capacity = 65536;
    buffer.data = (unsigned char *)malloc(buffer.capacity);
    if (buffer.data == NULL) {
        snprintf(message, message_size, "out of memory");
        return 1;
    }
    buffer.manager.init_destination = docguard_jpeg_buffer_init;
    buffer.manager.empty_output_buffer = docguard_jpeg_buffer_grow;
    buffer.manager.term_destination = docguard_jpeg_buffer_term;
    info.err = jpeg_std_error(&error.manager);
    error.manager.error_exit = docguard_jpeg_error_exit;
    if (setjmp(error.escape)) {
        jpeg_destroy_compress(&info);
        free(buffer.data);
        snprintf(message, message_size, "%s", error.message);
        return 1;
    }
    jpeg_create_compress(&info);
    info.dest = &buffer.manager;
    info.image_width = (JDIMENSION)width;
    info.image_height = (JDIMENSION)height;
    info.input_components = 4;
    info.in_color_space = JCS_CMYK;
    jpeg_set_defaults(&info);
    jpeg_set_colorspace(&info, JCS_CMYK);
    info.write_JFIF_header = FALSE;
    info.write_Adobe_marker = TRUE;
    jpeg_set_quality(&info, quality, TRUE);
    jpeg_start_compress(&info, TRUE);
    while (info.next_scanline < info.image_height) {
        JSAMPROW row = (JSAMPROW)(cmyk + (size_t)info.next_scanline * (size_t)width * 4);
        jpeg_write_scanlines(&info, &row, 1);
    }
    jpeg_finish_compress(&info);
    jpeg_destroy_compress(&info);
    *out = buffer.data;
    *out_size = buffer.size;
    return 0;
}
