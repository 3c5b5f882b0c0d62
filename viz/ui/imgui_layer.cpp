#include "viz/ui/imgui_layer.hpp"

#include <backends/imgui_impl_opengl2.h>
#include <imgui.h>

#include <cfloat>

namespace firestorm::viz {

namespace {

void MapKeys(ImGuiIO& io) {
  using K = sf::Keyboard;
  io.KeyMap[ImGuiKey_Tab] = K::Tab;
  io.KeyMap[ImGuiKey_LeftArrow] = K::Left;
  io.KeyMap[ImGuiKey_RightArrow] = K::Right;
  io.KeyMap[ImGuiKey_UpArrow] = K::Up;
  io.KeyMap[ImGuiKey_DownArrow] = K::Down;
  io.KeyMap[ImGuiKey_PageUp] = K::PageUp;
  io.KeyMap[ImGuiKey_PageDown] = K::PageDown;
  io.KeyMap[ImGuiKey_Home] = K::Home;
  io.KeyMap[ImGuiKey_End] = K::End;
  io.KeyMap[ImGuiKey_Insert] = K::Insert;
  io.KeyMap[ImGuiKey_Delete] = K::Delete;
  io.KeyMap[ImGuiKey_Backspace] = K::BackSpace;
  io.KeyMap[ImGuiKey_Space] = K::Space;
  io.KeyMap[ImGuiKey_Enter] = K::Enter;
  io.KeyMap[ImGuiKey_Escape] = K::Escape;
  io.KeyMap[ImGuiKey_A] = K::A;
  io.KeyMap[ImGuiKey_C] = K::C;
  io.KeyMap[ImGuiKey_V] = K::V;
  io.KeyMap[ImGuiKey_X] = K::X;
  io.KeyMap[ImGuiKey_Y] = K::Y;
  io.KeyMap[ImGuiKey_Z] = K::Z;
}

}  // namespace

ImGuiLayer::ImGuiLayer(sf::RenderTarget& target) {
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // no imgui.ini next to the user's files
  io.LogFilename = nullptr;
  MapKeys(io);
  io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  ImGui::StyleColorsDark();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 0;
  style.WindowBorderSize = 0;
  style.Colors[ImGuiCol_WindowBg].w = 0.97f;
  target.setActive(true);
  ImGui_ImplOpenGL2_Init();
}

ImGuiLayer::~ImGuiLayer() {
  ImGui_ImplOpenGL2_Shutdown();
  ImGui::DestroyContext();
}

void ImGuiLayer::ProcessEvent(const sf::Event& event) {
  ImGuiIO& io = ImGui::GetIO();
  switch (event.type) {
    case sf::Event::MouseMoved:
      io.MousePos = ImVec2(static_cast<float>(event.mouseMove.x), static_cast<float>(event.mouseMove.y));
      break;
    case sf::Event::MouseButtonPressed:
    case sf::Event::MouseButtonReleased: {
      const int b = event.mouseButton.button;
      if (b >= 0 && b < 5) io.MouseDown[b] = event.type == sf::Event::MouseButtonPressed;
      break;
    }
    case sf::Event::MouseWheelScrolled:
      if (event.mouseWheelScroll.wheel == sf::Mouse::VerticalWheel) io.MouseWheel += event.mouseWheelScroll.delta;
      else io.MouseWheelH += event.mouseWheelScroll.delta;
      break;
    case sf::Event::MouseLeft:
      io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
      break;
    case sf::Event::KeyPressed:
    case sf::Event::KeyReleased: {
      const int k = event.key.code;
      if (k >= 0 && k < static_cast<int>(IM_ARRAYSIZE(io.KeysDown)))
        io.KeysDown[k] = event.type == sf::Event::KeyPressed;
      io.KeyCtrl = event.key.control;
      io.KeyShift = event.key.shift;
      io.KeyAlt = event.key.alt;
      io.KeySuper = event.key.system;
      break;
    }
    case sf::Event::TextEntered:
      if (event.text.unicode >= 32 && event.text.unicode != 127) io.AddInputCharacter(event.text.unicode);
      break;
    case sf::Event::LostFocus:
      for (bool& down : io.KeysDown) down = false;
      break;
    default:
      break;
  }
}

void ImGuiLayer::NewFrame(sf::Vector2u size, float seconds) {
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(static_cast<float>(size.x), static_cast<float>(size.y));
  io.DeltaTime = seconds > 0 ? seconds : 1.0f / 60.0f;
  ImGui_ImplOpenGL2_NewFrame();
  ImGui::NewFrame();
}

void ImGuiLayer::Render(sf::RenderTarget& target) {
  ImGui::Render();
  target.setActive(true);
  target.pushGLStates();
  ImGui_ImplOpenGL2_RenderDrawData(ImGui::GetDrawData());
  target.popGLStates();
}

bool ImGuiLayer::WantsMouse() const { return ImGui::GetIO().WantCaptureMouse; }
bool ImGuiLayer::WantsKeyboard() const { return ImGui::GetIO().WantTextInput; }

}  // namespace firestorm::viz
