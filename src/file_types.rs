//! File extensions that make a link a `document` (`pdf`, `docx`, `mp3`...). A leaf: the link
//! classifier uses it, and so does the network gazetteer (a profile name is not a file name).

/// File extensions that make a link a `document`: office files, PDFs, images, sound,
/// video files, archives. Compared without case.
pub const FILE_TYPES: &[&str] = &[
    "pdf", "doc", "docx", "odt", "rtf", "txt", "xls", "xlsx", "ods", "csv", "ppt", "pptx", "pps",
    "ppsx", "odp", "epub", "jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "svg", "webp", "mp3",
    "ogg", "wav", "flac", "m4a", "wma", "mp4", "avi", "mov", "wmv", "flv", "mkv", "webm", "zip",
    "rar", "7z", "gz", "tgz", "tar", "bz2", "exe", "dmg", "msi", "apk", "iso", "ps", "eps", "swf",
];

/// The file type a URL path ends with (its last segment's extension, lowercase), when it is
/// one of [`FILE_TYPES`].
///
/// ```
/// use tisse::file_types::file_type;
/// assert_eq!(file_type("/articles/How%20America%20Searches.PDF"), "pdf");
/// assert_eq!(file_type("/index.php"), "");
/// ```
pub fn file_type(path: &str) -> FileType {
    let last = path.rsplit('/').next().unwrap_or_default();
    let Some((_, ext)) = last.rsplit_once('.') else {
        return "";
    };
    let ext = ext.to_ascii_lowercase();
    FILE_TYPES
        .iter()
        .copied()
        .find(|t| *t == ext)
        .unwrap_or_default()
}

/// A link's file type: one of [`FILE_TYPES`], or empty. An alias rather than `&'static str`
/// written out, so that serde's derive does not take the field for one borrowed from the input.
pub type FileType = &'static str;

/// A file type read back from a spilled or partial analysis: one of [`FILE_TYPES`]' own (or
/// empty), so no string is made or kept for it. Any other is an error (a file from another
/// version of tisse).
pub fn deserialize_file_type<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<FileType, D::Error> {
    let name = <String as serde::Deserialize>::deserialize(deserializer)?;
    if name.is_empty() {
        return Ok("");
    }
    FILE_TYPES
        .iter()
        .copied()
        .find(|t| *t == name)
        .ok_or_else(|| serde::de::Error::custom(format!("unknown file type {name:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_types() {
        let cases: &[(&str, &str)] = &[
            ("/a.pdf", "pdf"),
            ("/bilan_2008.XLS", "xls"),
            ("/dir.pdf/", ""),
            ("/", ""),
            ("/a.tar.gz", "gz"),
            ("/page.html", ""),
            ("/photo.JPEG", "jpeg"),
        ];
        for (path, expected) in cases {
            assert_eq!(file_type(path), *expected, "{path}");
        }
    }
}
