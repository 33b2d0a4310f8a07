fn main() {
    container_images_web::start();
}
