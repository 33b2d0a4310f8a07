//! Icons for the seeded catalog: one PNG per operating system, drawn here
//! (a rounded square in the OS's colour with a simple white mark), so the
//! repository carries no binary files.

/// Side of the icons, in pixels.
pub const SIZE: u32 = 128;
const SUPERSAMPLE: u32 = 4;

type Shape = fn(f64, f64) -> bool;

fn circle(x: f64, y: f64, cx: f64, cy: f64, r: f64) -> bool {
    (x - cx).powi(2) + (y - cy).powi(2) <= r * r
}

fn ring(x: f64, y: f64, cx: f64, cy: f64, r_out: f64, r_in: f64) -> bool {
    circle(x, y, cx, cy, r_out) && !circle(x, y, cx, cy, r_in)
}

/// Inside the triangle a-b-c (any winding).
fn triangle(x: f64, y: f64, a: (f64, f64), b: (f64, f64), c: (f64, f64)) -> bool {
    let side = |p: (f64, f64), q: (f64, f64)| (q.0 - p.0) * (y - p.1) - (q.1 - p.1) * (x - p.0);
    let (d1, d2, d3) = (side(a, b), side(b, c), side(c, a));
    let has_neg = d1 < 0.0 || d2 < 0.0 || d3 < 0.0;
    let has_pos = d1 > 0.0 || d2 > 0.0 || d3 > 0.0;
    !(has_neg && has_pos)
}

fn ubuntu(x: f64, y: f64) -> bool {
    ring(x, y, 0.5, 0.5, 0.27, 0.18)
        || circle(x, y, 0.5 + 0.3, 0.5, 0.085)
        || circle(x, y, 0.5 - 0.15, 0.5 - 0.26, 0.085)
        || circle(x, y, 0.5 - 0.15, 0.5 + 0.26, 0.085)
}

fn debian(x: f64, y: f64) -> bool {
    // A swirl: a ring open on its lower right, with an inner dot.
    (ring(x, y, 0.5, 0.5, 0.3, 0.2) && !(x > 0.55 && y > 0.5)) || circle(x, y, 0.52, 0.5, 0.07)
}

fn alpine(x: f64, y: f64) -> bool {
    triangle(x, y, (0.18, 0.72), (0.42, 0.3), (0.66, 0.72))
        || triangle(x, y, (0.45, 0.72), (0.62, 0.42), (0.82, 0.72))
}

fn centos(x: f64, y: f64) -> bool {
    let (dx, dy) = (x - 0.5, y - 0.5);
    // Four squares around the centre, rotated 45 degrees.
    let (u, v) = (dx + dy, dx - dy);
    let cell = |u: f64, v: f64| u.abs() < 0.15 && v.abs() < 0.15;
    cell(u - 0.2, v) || cell(u + 0.2, v) || cell(u, v - 0.2) || cell(u, v + 0.2)
}

fn fedora(x: f64, y: f64) -> bool {
    let mark = (x > 0.44 && x < 0.56 && y > 0.3 && y < 0.72)
        || (y > 0.44 && y < 0.54 && x > 0.34 && x < 0.66);
    circle(x, y, 0.5, 0.5, 0.32) && !mark
}

fn rocky(x: f64, y: f64) -> bool {
    let (dx, dy) = ((x - 0.5).abs(), (y - 0.5).abs());
    let hexagon = dy <= 0.3 && dx * 0.866 + dy * 0.5 <= 0.3;
    hexagon && !triangle(x, y, (0.3, 0.68), (0.5, 0.42), (0.7, 0.68))
}

fn arch(x: f64, y: f64) -> bool {
    triangle(x, y, (0.2, 0.78), (0.5, 0.18), (0.8, 0.78))
        && !triangle(x, y, (0.4, 0.78), (0.5, 0.55), (0.6, 0.78))
}

fn opensuse(x: f64, y: f64) -> bool {
    let body = ((x - 0.47) / 0.3).powi(2) + ((y - 0.52) / 0.2).powi(2) <= 1.0;
    (body && !circle(x, y, 0.62, 0.45, 0.06)) || circle(x, y, 0.62, 0.45, 0.03)
}

fn generic(x: f64, y: f64) -> bool {
    (x - 0.5).abs() < 0.22
        && (y - 0.5).abs() < 0.22
        && !((x - 0.5).abs() < 0.1 && (y - 0.5).abs() < 0.1)
}

/// The colour and mark of an OS's icon.
fn style_for(os: &str) -> ([u8; 3], Shape) {
    match os {
        "ubuntu" => ([0xE9, 0x54, 0x20], ubuntu),
        "debian" => ([0xA8, 0x00, 0x30], debian),
        "alpine" => ([0x0D, 0x59, 0x7F], alpine),
        "centos" => ([0x26, 0x25, 0x77], centos),
        "fedora" => ([0x29, 0x4B, 0x8C], fedora),
        "rockylinux" => ([0x0F, 0x8A, 0x5F], rocky),
        "archlinux" => ([0x17, 0x93, 0xD1], arch),
        "opensuse" => ([0x4A, 0x8A, 0x1C], opensuse),
        _ => ([0x4B, 0x55, 0x63], generic),
    }
}

fn in_rounded_square(x: f64, y: f64) -> bool {
    let r = 0.22;
    let cx = x.clamp(r, 1.0 - r);
    let cy = y.clamp(r, 1.0 - r);
    (x - cx).powi(2) + (y - cy).powi(2) <= r * r
}

/// The PNG icon of `os`.
pub fn icon_png(os: &str) -> Vec<u8> {
    let (color, mark) = style_for(os);
    let mut rgba = Vec::with_capacity((SIZE * SIZE * 4) as usize);
    let samples = f64::from(SUPERSAMPLE * SUPERSAMPLE);
    for py in 0..SIZE {
        for px in 0..SIZE {
            let (mut bg, mut fg) = (0.0, 0.0);
            for sy in 0..SUPERSAMPLE {
                for sx in 0..SUPERSAMPLE {
                    let x =
                        (f64::from(px * SUPERSAMPLE + sx) + 0.5) / f64::from(SIZE * SUPERSAMPLE);
                    let y =
                        (f64::from(py * SUPERSAMPLE + sy) + 0.5) / f64::from(SIZE * SUPERSAMPLE);
                    if in_rounded_square(x, y) {
                        bg += 1.0;
                        if mark(x, y) {
                            fg += 1.0;
                        }
                    }
                }
            }
            let alpha = bg / samples;
            let white = if bg > 0.0 { fg / bg } else { 0.0 };
            for channel in color {
                let value = f64::from(channel) * (1.0 - white) + 255.0 * white;
                rgba.push(value.round() as u8);
            }
            rgba.push((alpha * 255.0).round() as u8);
        }
    }
    encode_png(&rgba)
}

fn encode_png(rgba: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, SIZE, SIZE);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::Best);
        // Writing to a Vec with the right dimensions cannot fail.
        let mut writer = encoder.write_header().expect("PNG header");
        writer.write_image_data(rgba).expect("PNG data");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icons_are_real_distinct_pngs() {
        let oses = [
            "ubuntu",
            "debian",
            "alpine",
            "centos",
            "fedora",
            "rockylinux",
            "archlinux",
            "opensuse",
        ];
        let icons: Vec<Vec<u8>> = oses.iter().map(|os| icon_png(os)).collect();
        for (os, icon) in oses.iter().zip(&icons) {
            assert_eq!(&icon[..8], b"\x89PNG\r\n\x1a\n", "{os}");
            let decoder = png::Decoder::new(icon.as_slice());
            let reader = decoder.read_info().unwrap();
            assert_eq!(reader.info().width, SIZE);
            assert!(icon.len() < 12_000, "{os}: {} bytes", icon.len());
        }
        for i in 0..icons.len() {
            for j in i + 1..icons.len() {
                assert_ne!(icons[i], icons[j], "{} and {}", oses[i], oses[j]);
            }
        }
    }
}
