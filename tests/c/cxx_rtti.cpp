// RTTI: typeid names (Itanium mangling, same on both ABIs) and comparisons, dynamic_cast up/down/cross (failure: nullptr, std::bad_cast), virtual and multiple inheritance, virtual bases, pure virtuals, covariant returns, bad_typeid.
#include <cstdio>
#include <cstring>
#include <string>
#include <typeinfo>
#include <typeindex>
#include <map>
#include <memory>
#include <vector>

struct Shape {
    virtual ~Shape() {}
    virtual const char *name() const = 0;
    virtual double area() const = 0;
    virtual Shape *clone() const = 0;
};
struct Rect : Shape {
    double w, h;
    Rect(double a, double b) : w(a), h(b) {}
    const char *name() const override { return "Rect"; }
    double area() const override { return w * h; }
    Rect *clone() const override { return new Rect(*this); }   // covariant
};
struct Square final : Rect {
    explicit Square(double s) : Rect(s, s) {}
    const char *name() const override { return "Square"; }
    Square *clone() const override { return new Square(*this); }
};
struct Circle : Shape {
    double r;
    explicit Circle(double x) : r(x) {}
    const char *name() const override { return "Circle"; }
    double area() const override { return 3 * r * r; }
    Circle *clone() const override { return new Circle(*this); }
};

// multiple inheritance, cross casts
struct Printable { virtual ~Printable() {} virtual std::string print() const { return "printable"; } int pad = 1; };
struct Serializable { virtual ~Serializable() {} virtual int tag() const = 0; int pad2 = 2; };
struct Doc : Printable, Serializable {
    int id;
    explicit Doc(int i) : id(i) {}
    std::string print() const override { return "doc" + std::to_string(id); }
    int tag() const override { return 100 + id; }
};
struct OnlyPrintable : Printable {};

// virtual bases (diamond)
struct Animal { virtual ~Animal() {} int legs = 0; virtual const char *kind() const { return "animal"; } };
struct Mammal : virtual Animal { Mammal() { legs = 4; } const char *kind() const override { return "mammal"; } };
struct Winged : virtual Animal { int wings = 2; };
struct Bat : Mammal, Winged { Bat() { legs = 2; } const char *kind() const override { return "bat"; } };
// non-virtual diamond: two Animal subobjects, ambiguous base
struct M2 : Animal {};
struct W2 : Animal {};
struct Chimera : M2, W2 {};

// pure virtual called through a base during construction is UB; instead check a
// pure virtual with a definition, called explicitly
struct Abstract {
    virtual ~Abstract() = 0;
    virtual int f() const = 0;
};
Abstract::~Abstract() {}
int Abstract::f() const { return 7; }
struct Concrete : Abstract { int f() const override { return Abstract::f() * 6; } };

// a class template and a namespace, for mangled names
namespace ns { template <typename T, int N> struct Box { T v[N]; }; enum class Color { red }; }
struct Poly { virtual ~Poly() {} };
struct PolyD : Poly {};

static const char *yes(bool b) { return b ? "yes" : "no"; }

int main() {
    // typeid names: Itanium mangled names
    printf("names: %s %s %s %s %s %s\n", typeid(int).name(), typeid(unsigned long long).name(), typeid(double).name(),
           typeid(char).name(), typeid(bool).name(), typeid(void).name());
    printf("names: %s %s %s %s\n", typeid(const char *).name(), typeid(int[3]).name(), typeid(Rect).name(),
           typeid(ns::Box<short, 4>).name());
    printf("names: %s %s %s\n", typeid(ns::Color).name(), typeid(int (*)(double, char)).name(),
           typeid(std::string).name() [0] ? "std::string named" : "empty");
    printf("names: %s %s\n", typeid(&Rect::area).name(), typeid(Doc *).name());
    // top-level cv and references are ignored
    printf("typeid(const int) == typeid(int): %s, typeid(int&) == typeid(int): %s\n",
           yes(typeid(const int) == typeid(int)), yes(typeid(int &) == typeid(int)));

    std::vector<std::unique_ptr<Shape>> shapes;
    shapes.emplace_back(new Rect(2, 3));
    shapes.emplace_back(new Square(4));
    shapes.emplace_back(new Circle(1));
    for (auto &s : shapes) {
        Shape &ref = *s;
        printf("%s: dynamic typeid %s, area %.1f, is Rect* %s, typeid==Rect %s\n", ref.name(), typeid(ref).name(),
               ref.area(), yes(dynamic_cast<Rect *>(s.get()) != nullptr), yes(typeid(ref) == typeid(Rect)));
        std::unique_ptr<Shape> c(s->clone());
        Shape &cref = *c;
        printf("  clone: %s same type %s\n", c->name(), yes(typeid(cref) == typeid(ref)));
    }
    // covariant return through the derived static type
    Square sq(2);
    Square *sq2 = sq.clone();
    printf("covariant Square::clone area %.1f\n", sq2->area());
    delete sq2;
    Rect *asrect = &sq;
    Rect *rc = asrect->clone();
    printf("Rect::clone on a Square gives %s\n", typeid(*rc).name());
    delete rc;

    // downcasts
    Shape *s = shapes[0].get();
    printf("down Shape->Square on Rect: %s\n", yes(dynamic_cast<Square *>(s) != nullptr));
    printf("down Shape->Circle on Rect: %s\n", yes(dynamic_cast<Circle *>(s) != nullptr));
    try {
        Circle &c = dynamic_cast<Circle &>(*s);
        printf("reference cast succeeded? %.1f\n", c.r);
    } catch (const std::bad_cast &) {
        printf("reference cast: std::bad_cast\n");
    }
    try {
        Rect &r = dynamic_cast<Rect &>(*shapes[1]);
        printf("reference cast to Rect on Square: w %.1f\n", r.w);
    } catch (const std::bad_cast &) {
        printf("unexpected bad_cast\n");
    }
    Shape *null_shape = nullptr;
    printf("dynamic_cast of nullptr: %s\n", yes(dynamic_cast<Rect *>(null_shape) == nullptr));
    try {
        printf("%s\n", typeid(*null_shape).name());
    } catch (const std::bad_typeid &) {
        printf("typeid(*nullptr): std::bad_typeid\n");
    }

    // multiple inheritance
    Doc d(5);
    Printable *p = &d;
    Serializable *z = &d;
    printf("Doc as Printable: %s, as Serializable: tag %d\n", p->print().c_str(), z->tag());
    printf("subobject addresses differ: %s\n", yes((void *)p != (void *)z));
    Serializable *cross = dynamic_cast<Serializable *>(p);
    printf("cross cast Printable->Serializable: %s, same as z %s, tag %d\n", yes(cross != nullptr), yes(cross == z),
           cross ? cross->tag() : -1);
    printf("dynamic_cast<void*> gives the complete object: %s %s\n", yes(dynamic_cast<void *>(p) == (void *)&d),
           yes(dynamic_cast<void *>(z) == (void *)&d));
    OnlyPrintable op;
    Printable *p2 = &op;
    printf("cross cast on OnlyPrintable: %s\n", yes(dynamic_cast<Serializable *>(p2) != nullptr));
    printf("down to Doc from Serializable: id %d\n", dynamic_cast<Doc *>(z)->id);

    // virtual bases
    Bat bat;
    Animal *a = &bat;
    Mammal *m = dynamic_cast<Mammal *>(a);
    Winged *w = dynamic_cast<Winged *>(a);
    printf("Bat via Animal: kind %s legs %d, to Mammal %s, to Winged %s wings %d\n", a->kind(), a->legs,
           yes(m != nullptr), yes(w != nullptr), w ? w->wings : -1);
    printf("Winged->Mammal cross through virtual base: %s, back to Bat %s\n",
           yes(dynamic_cast<Mammal *>(w) == m), yes(dynamic_cast<Bat *>(w) == &bat));
    printf("one Animal subobject: %s\n", yes(static_cast<Animal *>(m) == static_cast<Animal *>(w)));
    Chimera ch;
    Animal *a1 = static_cast<M2 *>(&ch);
    Animal *a2 = static_cast<W2 *>(&ch);
    printf("Chimera: two Animal subobjects %s; Animal->W2 from the M2 side %s; Animal->Chimera %s\n",
           yes(a1 != a2), yes(dynamic_cast<W2 *>(a1) == static_cast<W2 *>(&ch)),
           yes(dynamic_cast<Chimera *>(a1) == &ch));

    // pure virtual with a body
    Concrete cc;
    Abstract &ab = cc;
    printf("pure virtual with body: %d, typeid %s\n", ab.f(), typeid(ab).name());

    // type_info ordering is consistent, type_index as map key
    std::map<std::type_index, const char *> reg;
    reg[typeid(Rect)] = "rect";
    reg[typeid(Circle)] = "circle";
    reg[typeid(int)] = "int";
    for (auto &sp : shapes) {
        Shape &sref = *sp;
        auto it = reg.find(typeid(sref));
        printf("registry %s -> %s\n", sp->name(), it == reg.end() ? "(none)" : it->second);
    }
    printf("before() antisymmetric: %s\n", yes(typeid(Rect).before(typeid(Circle)) != typeid(Circle).before(typeid(Rect))));
    printf("hash_code equal for equal types: %s\n", yes(typeid(PolyD).hash_code() == typeid(PolyD).hash_code()));

    // exceptions matched by RTTI
    try { throw Doc(9); }
    catch (const Serializable &e) { printf("caught Doc as Serializable: tag %d, typeid %s\n", e.tag(), typeid(e).name()); }
    return 0;
}
